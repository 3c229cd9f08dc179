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

/**
 * A browser-like client of the pages: keeps its session cookie, does not follow redirects, asks for
 * HTML, and signs in with an API key through {@code /signin} as a person would.
 */
final class PageSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  PageSession(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html,application/xhtml+xml")
            .GET()
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in with the API key, as the member it belongs to. */
  PageSession signIn(String apiKey) throws Exception {
    Matcher m = CSRF.matcher(get("/signin").body());
    assertThat(m.find()).as("the sign-in page carries a CSRF token").isTrue();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "api_key=" + enc(apiKey) + "&_csrf=" + enc(m.group(1))))
            .build();
    HttpResponse<String> in = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return this;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
