package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, which Spring Boot routes to {@code /error}: reached by
 * failures outside Spring MVC (a filter's exception, a container rejection) and by asking for
 * {@code /error} itself. It answers a problem like every other error, in place of Boot's default
 * error body.
 */
@RestController
final class FallbackErrors implements org.springframework.boot.webmvc.error.ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : HttpStatus.NOT_FOUND;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String problemCode =
        switch (status) {
          case NOT_FOUND -> OmniFlowException.Kind.NOT_FOUND.defaultCode();
          case METHOD_NOT_ALLOWED -> ServerErrors.METHOD_NOT_ALLOWED;
          case UNAUTHORIZED -> OmniFlowException.Kind.UNAUTHENTICATED.defaultCode();
          case FORBIDDEN -> OmniFlowException.Kind.FORBIDDEN.defaultCode();
          case UNSUPPORTED_MEDIA_TYPE -> ServerErrors.UNSUPPORTED_MEDIA_TYPE;
          default ->
              status.is4xxClientError()
                  ? OmniFlowException.Kind.BAD_REQUEST.defaultCode()
                  : ServerErrors.INTERNAL_ERROR;
        };
    String detail =
        status == HttpStatus.NOT_FOUND
            ? "No endpoint answers this path."
            : status.is4xxClientError()
                ? "The request is not valid."
                : "The server failed to answer; the log has the details.";
    return ResponseEntity.status(status)
        .body(Problems.problem(status, problemCode, detail, request));
  }
}
