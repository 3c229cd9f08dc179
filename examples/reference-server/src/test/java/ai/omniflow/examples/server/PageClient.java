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
 * asks for HTML, and posts forms with the CSRF token of the page they are on.
 *
 * <pre>{@code
 * PageClient pages = new PageClient(port);
 * pages.signIn(apiKey);
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
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the form with the CSRF token of the page at {@code from}, as a browser would. */
  HttpResponse<String> submit(String from, String action, String form) throws Exception {
    HttpResponse<String> shown = get(from);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    Matcher m = CSRF.matcher(shown.body());
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    String token = "_csrf=" + enc(m.group(1));
    return send("POST", action, form.isEmpty() ? token : form + "&" + token);
  }

  /** Signs in with an API key on the sign-in page. */
  void signIn(String apiKey) throws Exception {
    Matcher m = CSRF.matcher(get("/signin").body());
    assertThat(m.find()).isTrue();
    HttpResponse<String> in =
        send("POST", "/signin", "api_key=" + enc(apiKey) + "&_csrf=" + enc(m.group(1)));
    assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
  }
}
