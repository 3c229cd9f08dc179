package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

@DisplayName("A problem's instance and detail")
class ProblemsTest {

  @Test
  @DisplayName("an ordinary path is the instance as it came")
  void ordinaryPath() {
    assertThat(Problems.instance("/leads/4f1c/nurture")).isEqualTo("/leads/4f1c/nurture");
    assertThat(Problems.instance("/a%20b;c=d@e")).isEqualTo("/a%20b;c=d@e");
  }

  @Test
  @DisplayName("an 8 KB path is cut to 300 characters ending in an encoded ellipsis")
  void longPathIsCut() {
    String instance = Problems.instance("/" + "a".repeat(8 * 1024));
    assertThat(instance).hasSize(Problems.MAX_INSTANCE).startsWith("/aaa").endsWith(Problems.CUT);
    assertThat(URI.create(instance).getPath()).endsWith("…");
  }

  @Test
  @DisplayName("a path of exactly the limit is kept whole, one more character is cut")
  void limitIsExact() {
    String whole = "/" + "b".repeat(Problems.MAX_INSTANCE - 1);
    assertThat(Problems.instance(whole)).isEqualTo(whole);
    assertThat(Problems.instance(whole + "b"))
        .endsWith(Problems.CUT)
        .hasSize(Problems.MAX_INSTANCE);
  }

  @Test
  @DisplayName("a long path of escapes is cut between escapes, never inside one")
  void cutBetweenEscapes() {
    String instance = Problems.instance("/" + "%E2%82%AC".repeat(1000));
    String kept = instance.substring(0, instance.length() - Problems.CUT.length());
    assertThat(kept).matches("/(%E2%82%AC)+");
    assertThat(instance.length()).isLessThanOrEqualTo(Problems.MAX_INSTANCE);
  }

  @Test
  @DisplayName("non-ASCII and control characters are percent-encoded, so the instance is ASCII")
  void nonAsciiAndControlsEncoded() {
    // Tomcat reads the request line's bytes as ISO-8859-1: "é" in UTF-8 arrives as "Ã©".
    assertThat(Problems.instance("/caf\u00c3\u00a9")).isEqualTo("/caf%C3%A9");
    assertThat(Problems.instance("/\u20ac\uD83D\uDE00")).isEqualTo("/%E2%82%AC%F0%9F%98%80");
    assertThat(Problems.instance("/a\n\u0000\u001b[31m b\"<x>"))
        .isEqualTo("/a%0A%00%1B%5B31m%20b%22%3Cx%3E");
    assertThat(Problems.instance("/100%")).isEqualTo("/100%25");
  }

  @Test
  @DisplayName("an instance is always a path: never read as a host or a scheme")
  void alwaysAPath() {
    assertThat(Problems.instance("//evil.example/x")).isEqualTo("/evil.example/x");
    assertThat(Problems.instance("javascript:alert(1)")).isEqualTo("/javascript:alert(1)");
    assertThat(Problems.instance("")).isEqualTo("/");
    assertThat(Problems.instance(null)).isEqualTo("/");
    assertThat(URI.create(Problems.instance("//evil.example/x")).getHost()).isNull();
  }

  @Test
  @DisplayName("a detail is cut at 1000 characters and its control characters become spaces")
  void detailShown() {
    assertThat(Problems.shown("x".repeat(5000))).hasSize(Problems.MAX_DETAIL + 1).endsWith("…");
    assertThat(Problems.shown("line\nforged\r\u0000\u001b[0m")).isEqualTo("line forged   [0m");
    String pair = "a".repeat(Problems.MAX_DETAIL - 1) + "\uD83D\uDE00";
    assertThat(Problems.shown(pair)).isEqualTo("a".repeat(Problems.MAX_DETAIL - 1) + "…");
  }

  @Test
  @DisplayName("a problem for an 8 KB hostile path carries the bounded instance")
  void problemUsesTheBoundedInstance() {
    MockHttpServletRequest request =
        new MockHttpServletRequest("GET", "/" + "\u00e9".repeat(8 * 1024));
    ProblemDetail p = Problems.problem(HttpStatus.NOT_FOUND, "not_found", "No.", request);
    assertThat(p.getInstance()).isNotNull();
    assertThat(p.getInstance().toString()).hasSizeLessThanOrEqualTo(Problems.MAX_INSTANCE);
    assertThat(p.getInstance().toString()).startsWith("/%E9%E9").endsWith(Problems.CUT);
  }
}
