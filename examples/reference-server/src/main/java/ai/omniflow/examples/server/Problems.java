package ai.omniflow.examples.server;

import ai.omniflow.InputError;
import ai.omniflow.OmniFlowException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 {@code application/problem+json} with a stable {@code code}:
 * {@link OmniFlowException}s keep theirs and their status; Spring MVC's own errors get {@code
 * not_found}, {@code method_not_allowed}, {@code malformed_json}, …; anything unexpected is a 500
 * {@code internal_error} whose details stay in the log.
 */
@RestControllerAdvice
final class Problems extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Pattern CODE = Pattern.compile("[a-z][a-z_]{0,62}");

  @ExceptionHandler(OmniFlowException.class)
  ResponseEntity<ProblemDetail> omniFlow(OmniFlowException e, HttpServletRequest request) {
    HttpStatus status = HttpStatus.valueOf(e.kind().httpStatus());
    HttpHeaders headers = new HttpHeaders();
    if (status == HttpStatus.UNAUTHORIZED) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    ProblemDetail body = problem(status, e.code(), e.getMessage(), request);
    if (!e.errors().isEmpty()) {
      body.setProperty("errors", errors(e.errors()));
    }
    return ResponseEntity.status(status).headers(headers).body(body);
  }

  /**
   * A refusal's {@code errors}: each {@code path} (a JSON pointer into the text sent, {@code ""}
   * for all of it), {@code line} (from 1, or {@code null} when on no line of it) and {@code
   * message}; at most {@value OmniFlowException#MAX_ERRORS}, each bounded by {@link InputError}.
   */
  static List<Map<String, @Nullable Object>> errors(List<InputError> errors) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (InputError e : errors.subList(0, Math.min(errors.size(), OmniFlowException.MAX_ERRORS))) {
      Map<String, @Nullable Object> one = new LinkedHashMap<>();
      one.put("path", e.path());
      one.put("line", e.line() == 0 ? null : e.line());
      one.put("message", e.message());
      out.add(one);
    }
    return out;
  }

  /** A streamed upload found over its limit while reading ({@link RequestBodyLimit}): 413. */
  @ExceptionHandler(RequestBodyLimit.TooLarge.class)
  ResponseEntity<ProblemDetail> tooLarge(RequestBodyLimit.TooLarge e, HttpServletRequest request) {
    HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
    return ResponseEntity.status(status)
        // The client may still be sending; closing the connection spares reading the rest.
        .header(HttpHeaders.CONNECTION, "close")
        .body(
            problem(
                status,
                ServerErrors.PAYLOAD_TOO_LARGE,
                RequestBodyLimit.tooLargeDetail(e.limit),
                request));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("Request {} failed", RequestIds.of(request), e);
    HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
    return ResponseEntity.status(status)
        .body(
            problem(
                status,
                ServerErrors.INTERNAL_ERROR,
                "The server failed to answer; the log has the details under this request id.",
                request));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    String code;
    String detail;
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      code = OmniFlowException.Kind.NOT_FOUND.defaultCode();
      detail = "No endpoint answers " + path(request) + ".";
    } else if (ex instanceof HttpRequestMethodNotSupportedException m) {
      code = ServerErrors.METHOD_NOT_ALLOWED;
      detail = path(request) + " does not answer " + m.getMethod() + ".";
    } else if (ex instanceof MethodArgumentNotValidException invalid) {
      // A request record's constraint names its problem code in its message, e.g. "invalid_text".
      FieldError first = invalid.getBindingResult().getFieldError();
      String message = first == null ? null : first.getDefaultMessage();
      code =
          message != null && CODE.matcher(message).matches()
              ? message
              : OmniFlowException.Kind.INVALID_INPUT.defaultCode();
      detail = first == null ? "The request body is not valid." : invalidDetail(first);
      statusCode = HttpStatusCode.valueOf(422);
    } else if (ex instanceof HttpMessageNotReadableException
        && ex.getCause() instanceof UnrecognizedPropertyException unknown) {
      code = ServerErrors.UNKNOWN_PROPERTY;
      detail =
          "'"
              + bounded(unknown.getPropertyName())
              + "' is not a property here; the properties are "
              + unknown.getKnownPropertyIds()
              + ".";
      statusCode = HttpStatusCode.valueOf(422);
    } else if (ex instanceof HttpMessageNotReadableException) {
      String field = wrongTypeField(ex);
      if (field != null) {
        code = ServerErrors.WRONG_TYPE;
        detail = field + " has the wrong JSON type for this endpoint.";
      } else {
        code = ServerErrors.MALFORMED_JSON;
        detail = "The request body is missing or is not the JSON this endpoint reads.";
      }
    } else if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
      code = ServerErrors.UNSUPPORTED_MEDIA_TYPE;
      // The path CSV upload takes text/csv; every other body is JSON.
      List<MediaType> types = unsupported.getSupportedMediaTypes();
      detail =
          "Send the request body as "
              + (types.contains(AttributionApi.CSV_UPLOAD) ? "text/csv" : "application/json")
              + ".";
    } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
      code = ServerErrors.NOT_ACCEPTABLE;
      detail = "This endpoint answers application/json only.";
    } else {
      code =
          statusCode.is4xxClientError()
              ? OmniFlowException.Kind.BAD_REQUEST.defaultCode()
              : ServerErrors.INTERNAL_ERROR;
      detail =
          statusCode.is4xxClientError()
              ? "The request is not valid."
              : "The server failed to answer; the log has the details.";
      if (!statusCode.is4xxClientError()) {
        LOG.error("Request failed", ex);
      }
    }
    HttpServletRequest servlet =
        ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    ProblemDetail problem = problem(HttpStatus.valueOf(statusCode.value()), code, detail, servlet);
    return ResponseEntity.status(statusCode).headers(headers).body(problem);
  }

  /**
   * What is wrong with a request body's field, named as the JSON names it ({@code
   * availability.out_of_office}) with the limit where the constraint has one, never its value.
   */
  static String invalidDetail(FieldError error) {
    String field = bounded(error.getField().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
    Object[] args = error.getArguments();
    if ("Size".equals(error.getCode()) && args != null && args.length > 1) {
      return field + " is too long: at most " + args[1] + ".";
    }
    return field + " is not valid.";
  }

  /**
   * The JSON path of the field whose value had the wrong type (e.g. {@code text} or {@code
   * sender.name}), when the body parsed as JSON but a value did not fit; {@code null} otherwise.
   * Only names that look like our own property names are shown, so the detail never echoes input.
   */
  static @Nullable String wrongTypeField(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof MismatchedInputException m) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : m.getPath()) {
          String name = r.getPropertyName();
          if (name != null && name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            path.append(path.isEmpty() ? "" : ".").append(name);
          } else if (name == null && r.getIndex() >= 0) {
            path.append('[').append(r.getIndex()).append(']');
          } else {
            return null;
          }
          if (path.length() > MAX_FIELD_PATH) {
            return null;
          }
        }
        return path.isEmpty() ? null : path.toString();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The longest detail a problem carries; with the rest, a body stays far under 4 KB. */
  static final int MAX_DETAIL = 1000;

  /**
   * The longest request path echoed as the problem's instance, the cut marker included (decision
   * 0099).
   */
  static final int MAX_INSTANCE = 300;

  /**
   * What ends a path cut to {@value #MAX_INSTANCE} characters: the ellipsis {@code …}
   * percent-encoded, so that {@code instance} stays an ASCII URI reference.
   */
  static final String CUT = "%E2%80%A6";

  private static final int MAX_FIELD_PATH = 200;

  /**
   * A problem whose body stays under 4 KB whatever the request: the detail is cut at {@value
   * #MAX_DETAIL} characters (never inside a surrogate pair) with its control characters replaced,
   * and {@code instance} is the request's path as {@link #instance(String)} bounds it.
   */
  static ProblemDetail problem(
      HttpStatus status, String code, @Nullable String detail, @Nullable HttpServletRequest req) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(status, detail == null ? null : shown(detail));
    p.setType(URI.create("urn:omniflow:problem:" + code));
    p.setTitle(status.getReasonPhrase());
    p.setProperty("code", code);
    if (req != null) {
      // Always set: Spring fills a missing instance with the whole request path.
      p.setInstance(URI.create(instance(req.getRequestURI())));
      String requestId = RequestIds.of(req);
      if (requestId != null) {
        p.setProperty("request_id", requestId);
      }
    }
    return p;
  }

  /**
   * A message as an error shows it, to a client or on a page: cut at {@value #MAX_DETAIL}
   * characters (never inside a surrogate pair, {@code …} added) and each control character (a line
   * break, a NUL, an escape) a space, so that a message quoting input can neither grow without
   * bound nor forge lines.
   */
  static String shown(String message) {
    String s = message;
    if (s.length() > MAX_DETAIL) {
      int end = MAX_DETAIL;
      if (Character.isHighSurrogate(s.charAt(end - 1))) {
        end--;
      }
      s = s.substring(0, end) + "…";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        if (out == null) {
          out = new StringBuilder(s);
        }
        out.setCharAt(i, ' ');
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * The problem's {@code instance}: the request's path (never its query) as an ASCII URI reference
   * of at most {@value #MAX_INSTANCE} characters. Every character outside RFC 3986's path
   * characters is percent-encoded: one the container read as a byte of the request line (up to
   * U+00FF) as that byte, any other as its UTF-8 bytes; an escape already there is kept. A longer
   * path is cut between escapes and ends in {@link #CUT}. It starts with exactly one {@code /}, so
   * it is always a path, never read as a host or a scheme; a missing path is {@code /}.
   */
  static String instance(@Nullable String uri) {
    if (uri == null) {
      return "/";
    }
    // One leading slash: "//host/x" would read as an authority, "javascript:x" as a scheme.
    int start = 0;
    while (start < uri.length() && uri.charAt(start) == '/') {
      start++;
    }
    StringBuilder out = new StringBuilder(Math.min(uri.length(), MAX_INSTANCE) + 16).append('/');
    int room = MAX_INSTANCE - CUT.length();
    int fits = 1; // the length of the longest whole prefix that leaves room for CUT
    for (int i = start; i < uri.length() && out.length() <= MAX_INSTANCE; i++) {
      char c = uri.charAt(i);
      if (c == '%' && hex(uri, i + 1) && hex(uri, i + 2)) {
        out.append(uri, i, i + 3);
        i += 2;
      } else if (pathChar(c)) {
        out.append(c);
      } else if (c < 0x100) {
        escape(out, c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < uri.length() ? i + 2 : i + 1;
        for (byte b : uri.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          escape(out, b & 0xff);
        }
        i = end - 1;
      }
      if (out.length() <= room) {
        fits = out.length();
      }
    }
    if (out.length() <= MAX_INSTANCE) {
      return out.toString();
    }
    out.setLength(fits);
    return out.append(CUT).toString();
  }

  private static boolean hex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80;
  }

  /** An RFC 3986 {@code pchar} other than an escape, or {@code /}. */
  private static boolean pathChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
  }

  private static void escape(StringBuilder out, int b) {
    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
    out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
  }

  /** A client's name cut to 64 characters, so that a problem never echoes unbounded input. */
  private static String bounded(@Nullable String name) {
    if (name == null) {
      return "";
    }
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }

  /** The request's path as {@code instance} shows it, for a detail that names it. */
  private static String path(WebRequest request) {
    HttpServletRequest servlet =
        ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    return servlet == null ? "this path" : instance(servlet.getRequestURI());
  }
}
