package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page for what it refuses before Spring sees the request (a path with {@code
 * %00}, a malformed request line): a small problem+json in place of Tomcat's HTML, so every error
 * the server answers has the same shape. It never echoes the request.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String code =
        status == 404
            ? OmniFlowException.Kind.NOT_FOUND.defaultCode()
            : status < 500
                ? OmniFlowException.Kind.BAD_REQUEST.defaultCode()
                : ServerErrors.INTERNAL_ERROR;
    String detail =
        status < 500
            ? "The request is not valid."
            : "The server failed to answer; the log has the details.";
    String body =
        "{\"type\":\"urn:omniflow:problem:"
            + code
            + "\",\"title\":\""
            + (known == null ? "Error" : known.getReasonPhrase())
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\",\"code\":\""
            + code
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is closed: nothing more to say.
    }
  }

  /** Installs the valve as the host's error report valve. */
  @Configuration(proxyBeanMethods = false)
  static class Installer {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
      return factory ->
          factory.addContextCustomizers(
              context -> {
                if (context.getParent() instanceof StandardHost host) {
                  host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
              });
    }
  }
}
