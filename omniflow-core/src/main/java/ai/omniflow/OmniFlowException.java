package ai.omniflow;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one exception OmniFlow's core throws for a failed use case. It carries a {@link Kind} (what
 * sort of failure, which an HTTP host maps to a status) and a stable, machine-readable {@code code}
 * such as {@code unknown_pack} that clients may branch on. The message is for people and never
 * contains secrets.
 *
 * <pre>{@code
 * throw OmniFlowException.invalidInput("unknown_pack", "No vertical pack has slug 'dentist'.");
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class OmniFlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The sort of failure. Each has a default code and a conventional HTTP status. */
  public enum Kind {
    /** The request is malformed as a request (bad paging, unparseable input): HTTP 400. */
    BAD_REQUEST("bad_request", 400),
    /** A well-formed request whose values are not acceptable: HTTP 422. */
    INVALID_INPUT("invalid_input", 422),
    /** No identity, or one OmniFlow does not know: HTTP 401. */
    UNAUTHENTICATED("unauthenticated", 401),
    /** The actor's role does not allow this action: HTTP 403. */
    FORBIDDEN("forbidden", 403),
    /** The thing does not exist, or belongs to another org: HTTP 404. */
    NOT_FOUND("not_found", 404),
    /** The action conflicts with the current state: HTTP 409. */
    CONFLICT("conflict", 409),
    /** A dependency is down or not configured: HTTP 503. */
    UNAVAILABLE("unavailable", 503);

    private final String defaultCode;
    private final int httpStatus;

    Kind(String defaultCode, int httpStatus) {
      this.defaultCode = defaultCode;
      this.httpStatus = httpStatus;
    }

    /** The code used when none more specific is given, e.g. {@code not_found}. */
    public String defaultCode() {
      return defaultCode;
    }

    /** The HTTP status a host should answer with. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  /** The most {@link #errors()} a refusal lists. */
  public static final int MAX_ERRORS = 50;

  private final Kind kind;
  private final String code;
  private final boolean retryable;

  /** Not serialized (an exception of this kind does not cross a process): empty after reading. */
  private final transient @Nullable List<InputError> errors;

  /**
   * A failure that running the same use case again would meet again.
   *
   * @throws NullPointerException if any argument is null
   */
  public OmniFlowException(Kind kind, String code, String message) {
    this(kind, code, message, false);
  }

  /**
   * @param retryable whether the failure is a lost race (a uniqueness clash with a concurrent
   *     writer, a serialization failure, a deadlock) after which running the whole transaction
   *     again sees the winner's rows and may succeed
   * @throws NullPointerException if any argument is null
   */
  public OmniFlowException(Kind kind, String code, String message, boolean retryable) {
    this(kind, code, message, retryable, List.of());
  }

  private OmniFlowException(
      Kind kind, String code, String message, boolean retryable, List<InputError> errors) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
    this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
  }

  /**
   * What is wrong with the input, each at its place, when the refusal is of a text with several
   * problems (an org's pack override, an org's playbook that no longer fits its pack): at most
   * {@value #MAX_ERRORS}, the first found; empty for most failures, whose message says it all. An
   * HTTP host lists them in the problem's {@code errors}.
   */
  public List<InputError> errors() {
    List<InputError> e = errors;
    return e == null ? List.of() : e;
  }

  /**
   * Whether this is a lost race: running the whole transaction again may succeed. Stores set it
   * when a concurrent writer won (a unique key, a serialization failure, a deadlock); services
   * retry such failures a bounded number of times and never any other.
   */
  public boolean isRetryable() {
    return retryable;
  }

  public Kind kind() {
    return kind;
  }

  /** The stable code, e.g. {@code unknown_pack}; defaults to the kind's code. */
  public String code() {
    return code;
  }

  public static OmniFlowException badRequest(String code, String message) {
    return new OmniFlowException(Kind.BAD_REQUEST, code, message);
  }

  public static OmniFlowException invalidInput(String code, String message) {
    return new OmniFlowException(Kind.INVALID_INPUT, code, message);
  }

  /**
   * An invalid input with what is wrong with it, each at its place ({@link #errors()}); those past
   * the first {@value #MAX_ERRORS} are dropped (the message should say how many there were).
   *
   * @throws NullPointerException if any argument is null
   */
  public static OmniFlowException invalidInput(
      String code, String message, List<InputError> errors) {
    return new OmniFlowException(Kind.INVALID_INPUT, code, message, false, errors);
  }

  public static OmniFlowException unauthenticated(String message) {
    return new OmniFlowException(Kind.UNAUTHENTICATED, Kind.UNAUTHENTICATED.defaultCode, message);
  }

  public static OmniFlowException forbidden(String message) {
    return new OmniFlowException(Kind.FORBIDDEN, Kind.FORBIDDEN.defaultCode, message);
  }

  public static OmniFlowException notFound(String what) {
    return new OmniFlowException(
        Kind.NOT_FOUND, Kind.NOT_FOUND.defaultCode, what + " was not found.");
  }

  public static OmniFlowException conflict(String code, String message) {
    return new OmniFlowException(Kind.CONFLICT, code, message);
  }

  /**
   * A conflict with what is wrong, each at its place ({@link #errors()}): a stored text that no
   * longer fits what it was checked against (an org's playbook after its pack changed). Those past
   * the first {@value #MAX_ERRORS} are dropped.
   *
   * @throws NullPointerException if any argument is null
   */
  public static OmniFlowException conflict(String code, String message, List<InputError> errors) {
    return new OmniFlowException(Kind.CONFLICT, code, message, false, errors);
  }

  public static OmniFlowException unavailable(String code, String message) {
    return new OmniFlowException(Kind.UNAVAILABLE, code, message);
  }

  /**
   * A conflict that is a lost race with a concurrent writer ({@link #isRetryable()}): the row the
   * caller meant to create exists now because another transaction made it first.
   */
  public static OmniFlowException race(String code, String message) {
    return new OmniFlowException(Kind.CONFLICT, code, message, true);
  }
}
