package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A browser-like HTTP client for page tests: keeps its session cookie, does not follow redirects,
 * asks for HTML, and posts forms with the CSRF token of the page they are on. The one client of
 * every page test; {@link ServerTest#pagesAs} gives one signed in as a member.
 *
 * <pre>{@code
 * PageClient pages = pagesAs(owner, owner.userId());
 * HttpResponse<String> r = pages.submit("/settings/sla", "/ui/settings/sla/policy", "...");
 * }</pre>
 */
final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  PageClient(int port) {
    this.port = port;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** {@code GET path} as a browser asks for a page. */
  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  /** A request with a form body (or none), without a CSRF token unless the form carries one. */
  HttpResponse<String> send(String method, String path, @Nullable String form) throws Exception {
    return send(method, path, form, java.util.Map.of());
  }

  /** The same with more headers, such as htmx's {@code HX-Request}. */
  HttpResponse<String> send(
      String method, String path, @Nullable String form, java.util.Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html,application/xhtml+xml")
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the page at {@code from}, which must answer 200, URL-encoded. */
  String csrf(String from) throws Exception {
    HttpResponse<String> shown = get(from);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    Matcher m = CSRF.matcher(shown.body());
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return enc(m.group(1));
  }

  /** Posts the form with the CSRF token of the page at {@code from}, as a browser would. */
  HttpResponse<String> submit(String from, String action, String form) throws Exception {
    String token = "_csrf=" + csrf(from);
    return send("POST", action, form.isEmpty() ? token : form + "&" + token);
  }

  /** Signs in with an API key on the sign-in page, as the member the key belongs to. */
  PageClient signIn(String apiKey) throws Exception {
    HttpResponse<String> in =
        send("POST", "/signin", "api_key=" + enc(apiKey) + "&_csrf=" + csrf("/signin"));
    assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return this;
  }
}
