package ai.omniflow.examples.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a plain token of at most
 * 128 characters, else a new UUID. The id is echoed in the response header and copied into the
 * actor, and so into audit entries. While the request runs, the logging MDC holds it as {@code
 * request_id} (and, once {@link ActorResolver} knows the actor, its org as {@code org_id}), so
 * every log line of the request names both; both are removed when the request ends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIds extends OncePerRequestFilter {
  static final String HEADER = "X-Request-Id";

  /** The logging MDC key of the request's id. */
  static final String MDC_REQUEST_ID = "request_id";

  /** The logging MDC key of the acting org, set by {@link ActorResolver} once it is known. */
  static final String MDC_ORG_ID = "org_id";

  private static final String ATTRIBUTE = RequestIds.class.getName();
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String id =
        given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    MDC.put(MDC_REQUEST_ID, id);
    try {
      chain.doFilter(request, response);
    } finally {
      // The thread serves other requests next: take off everything this one put on.
      MDC.remove(MDC_REQUEST_ID);
      MDC.remove(MDC_ORG_ID);
    }
  }

  /** The request's id, or {@code null} outside a request that passed the filter. */
  static @Nullable String of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id instanceof String s ? s : null;
  }
}
