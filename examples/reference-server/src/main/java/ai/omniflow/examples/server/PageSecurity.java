package ai.omniflow.examples.server;

import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Two security filter chains (docs/decisions/0048). The first serves the web pages only: a session,
 * CSRF protection, sign-in at {@code /signin} ({@link SignInProvider}) and sign-out at {@code
 * /signout}. The second covers everything else, the JSON API included, and changes nothing there:
 * no session, no CSRF, no headers, every request let through to {@link ActorResolver}, which
 * authenticates each API call by API key or dev headers as before.
 *
 * <p>The page paths are {@code /}, {@code /inbox}, {@code /attribution} (exactly: the API's reports
 * are below it), {@code /connectors} (exactly: the API's endpoints are below it), {@code /signin},
 * {@code /signout}, {@code /ui/**} (the pages' form posts and fragments), {@code GET
 * /oauth/{provider}/callback} (where a platform sends the browser back after its consent screen,
 * {@link OAuthCallbackPage}), {@code /css/**}, {@code /js/**}, {@code /webjars/**}, and {@code GET
 * /leads} and {@code GET /leads/{id}} when the client asks for HTML: the API answers those two
 * paths with JSON to every other client. The settings pages are all under {@code /settings/**}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PageSecurity {
  /** The paths of the pages and their assets, and the two HTML-only reads of the leads. */
  static RequestMatcher pageRequests() {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    MediaTypeRequestMatcher html =
        new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(), MediaType.TEXT_HTML);
    html.setUseEquals(true);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return new OrRequestMatcher(
        paths.matcher("/"),
        paths.matcher("/inbox"),
        paths.matcher("/attribution"), // the page; the API's reports are under /attribution/…
        paths.matcher("/connectors"), // the page; the API's endpoints are under /connectors/…
        paths.matcher("/settings/**"), // every settings page, /settings/sla among them
        paths.matcher("/signin"),
        paths.matcher("/signout"),
        paths.matcher("/ui/**"),
        paths.matcher(HttpMethod.GET, "/oauth/*/callback"),
        paths.matcher("/css/**"),
        paths.matcher("/js/**"),
        paths.matcher("/webjars/**"),
        new AndRequestMatcher(
            new OrRequestMatcher(
                paths.matcher(HttpMethod.GET, "/leads"), paths.matcher(HttpMethod.GET, "/leads/*")),
            html));
  }

  @Bean
  @Order(1)
  SecurityFilterChain pageChain(HttpSecurity http, SignInProvider signIn) throws Exception {
    http.securityMatcher(pageRequests())
        .authenticationProvider(signIn)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher("/signin"),
                        PathPatternRequestMatcher.withDefaults().matcher("/css/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/js/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/webjars/**"))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            f ->
                f.loginPage("/signin")
                    .loginProcessingUrl("/signin")
                    .usernameParameter("user")
                    .passwordParameter("api_key")
                    .defaultSuccessUrl("/", false)
                    .failureUrl("/signin?error"))
        .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
        .headers(
            h ->
                h.contentSecurityPolicy(
                    c ->
                        c.policyDirectives(
                            "default-src 'self'; script-src 'self'; style-src 'self';"
                                + " img-src 'self' data:; form-action 'self';"
                                + " frame-ancestors 'none'; base-uri 'self'")));
    return http.build();
  }

  /**
   * The JSON API and everything else: Spring Security stands aside, so the API's authentication
   * ({@link ActorResolver}) and its problem bodies stay exactly as they were.
   */
  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(r -> r.disable())
        .securityContext(s -> s.disable())
        .anonymous(a -> a.disable())
        .headers(h -> h.disable())
        .formLogin(f -> f.disable())
        .httpBasic(b -> b.disable())
        .logout(l -> l.disable())
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
