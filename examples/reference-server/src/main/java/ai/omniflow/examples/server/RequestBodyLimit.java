package ai.omniflow.examples.server;

import ai.omniflow.webhooks.WebhookService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every request body at {@code omniflow.server.max-request-body} (1 MB by default): a longer
 * one, announced by {@code Content-Length} or found while reading, answers 413 {@code
 * payload_too_large} as problem+json before anything parses it. Tomcat's own limits cover only form
 * posts, so the filter counts the bytes itself: it reads at most the limit plus one byte and hands
 * the controllers a copy. Form posts are left to Tomcat's {@code max-http-form-post-size}.
 *
 * <p>The path CSV upload ({@value #UPLOAD_PATH}) is the one exception: it is never buffered but
 * streamed to the controller through a counting stream capped at {@code
 * omniflow.server.max-attribution-upload} (200 MB by default). A longer announced body answers 413
 * at once; one found longer while reading makes the stream throw {@link TooLarge}, which {@link
 * Problems} answers with the same 413.
 *
 * <p>A platform's webhook delivery ({@code POST /webhooks/{provider}}) is buffered under {@link
 * WebhookService#MAX_BODY_BYTES} (3 MiB) whatever the general limit, form bodies (Twilio's) too,
 * raw, since the signature covers them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class RequestBodyLimit extends OncePerRequestFilter {
  /** The one path whose body is streamed under its own limit. */
  static final String UPLOAD_PATH = "/attribution/compute";

  private final long maxBytes;
  private final long maxUploadBytes;
  private final JsonMapper json;

  RequestBodyLimit(ServerProperties properties, JsonMapper json) {
    this.maxBytes = properties.server().maxRequestBodyBytes();
    this.maxUploadBytes = properties.server().maxAttributionUploadBytes();
    this.json = json;
  }

  /** Thrown by an upload's stream when its body passes the limit; answered 413. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    /** The limit passed, in bytes. */
    final long limit;

    TooLarge(long limit) {
      super("The request body is over " + limit + " bytes.");
      this.limit = limit;
    }
  }

  /** What a 413 says: the limit in the largest whole unit it fills. */
  static String tooLargeDetail(long limit) {
    DataSize size = DataSize.ofBytes(limit);
    String text =
        size.toMegabytes() >= 1 && limit % (1 << 20) == 0
            ? size.toMegabytes() + " MB"
            : size.toKilobytes() >= 1 && limit % 1024 == 0
                ? size.toKilobytes() + " KB"
                : limit + " bytes";
    return "The request body must be at most " + text + ".";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean webhook = isWebhookDelivery(request);
    long limit = webhook ? WebhookService.MAX_BODY_BYTES : maxBytes;
    String type = request.getContentType();
    if (!webhook
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form")) {
      chain.doFilter(request, response);
      return;
    }
    long declared = request.getContentLengthLong();
    if (isUpload(request)) {
      if (declared > maxUploadBytes) {
        tooLarge(request, response, maxUploadBytes);
        return;
      }
      chain.doFilter(new Counted(request, maxUploadBytes), response);
      return;
    }
    if (declared > limit) {
      tooLarge(request, response, limit);
      return;
    }
    if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) limit + 1);
    if (body.length > limit) {
      tooLarge(request, response, limit);
      return;
    }
    chain.doFilter(new Buffered(request, body), response);
  }

  /**
   * A platform's webhook delivery ({@code POST /webhooks/{provider}}): up to {@link
   * WebhookService#MAX_BODY_BYTES} whatever the general limit, and a form body (Twilio's) is
   * buffered raw too, since its signature covers it.
   */
  static boolean isWebhookDelivery(HttpServletRequest request) {
    String path = request.getRequestURI();
    return "POST".equals(request.getMethod())
        && path != null
        && path.startsWith("/webhooks/")
        && path.indexOf('/', "/webhooks/".length()) < 0;
  }

  private static boolean isUpload(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && (request.getContextPath() + UPLOAD_PATH).equals(request.getRequestURI());
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
      throws IOException {
    HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
    ProblemDetail p =
        Problems.problem(status, ServerErrors.PAYLOAD_TOO_LARGE, tooLargeDetail(limit), request);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // The client may still be sending; closing the connection spares reading the rest.
    response.setHeader("Connection", "close");
    response.getOutputStream().write(json.writeValueAsBytes(p));
  }

  /**
   * The request with its body streamed through a count: reading past {@code limit} bytes throws
   * {@link TooLarge}. Nothing is buffered beyond the stream's own reads.
   */
  private static final class Counted extends HttpServletRequestWrapper {
    private final long limit;
    private @Nullable ServletInputStream counted;

    Counted(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        ServletInputStream in = super.getInputStream();
        counted =
            new ServletInputStream() {
              private long read;

              private int count(int n) throws TooLarge {
                if (n > 0) {
                  read += n;
                  if (read > limit) {
                    throw new TooLarge(limit);
                  }
                }
                return n;
              }

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                return count(in.read(b, off, len));
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
              }
            };
      }
      return counted;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String enc = getCharacterEncoding();
      Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
      return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }
  }

  /** The request with its body read once into memory. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String enc = getCharacterEncoding();
      Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
      return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
