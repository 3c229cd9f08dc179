package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@DisplayName("Request ids in the logging MDC")
class RequestIdsTest {

  @Test
  @DisplayName("a request's log lines carry its request_id and org_id, and the next request none")
  void theMdcHoldsTheRequestAndItsOrgWhileItRuns() throws Exception {
    Map<String, String> seen = new HashMap<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
    request.addHeader(RequestIds.HEADER, "req-42");
    MockFilterChain chain =
        new MockFilterChain(
            (jakarta.servlet.Servlet)
                new jakarta.servlet.http.HttpServlet() {
                  @Override
                  protected void service(
                      HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                    // What ActorResolver does once it knows the actor.
                    MDC.put(RequestIds.MDC_ORG_ID, DevSeed.ORG);
                    seen.put("request_id", MDC.get("request_id"));
                    seen.put("org_id", MDC.get("org_id"));
                  }
                });

    new RequestIds().doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(seen).containsEntry("request_id", "req-42").containsEntry("org_id", DevSeed.ORG);
    assertThat(MDC.get("request_id")).isNull();
    assertThat(MDC.get("org_id")).isNull();
  }

  @Test
  @DisplayName("an unsafe X-Request-Id is replaced, never copied into the logs")
  void anUnsafeIdIsReplaced() throws Exception {
    Map<String, String> seen = new HashMap<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
    request.addHeader(RequestIds.HEADER, "evil\nline " + "x".repeat(500));
    MockFilterChain chain =
        new MockFilterChain(
            (jakarta.servlet.Servlet)
                new jakarta.servlet.http.HttpServlet() {
                  @Override
                  protected void service(
                      HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                    seen.put("request_id", MDC.get("request_id"));
                  }
                });

    new RequestIds().doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(seen.get("request_id")).matches("[0-9a-f-]{36}");
  }
}
