package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A refused page form's error, placed next to the field it is about, for the settings pages. The
 * message is OmniFlow's own (bounded, never echoing input); the field is the one the error code
 * names ({@code invalid_time_zone} → {@code time_zone}), else the one the message starts with
 * (core's messages name their field first: {@code "capacity must not be negative."}), else the form
 * as a whole. The key of a field's error is {@code <form>-<field>}, the id of its input; the form's
 * own error is under {@code <form>}. Templates show {@code errors[key]} beside the input, with
 * {@code aria-invalid} and {@code aria-describedby} pointing at it.
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   model.addAttribute("errors", FormErrors.of(e, "tz", Set.of("time_zone")));
 * }
 * }</pre>
 */
final class FormErrors {
  private FormErrors() {}

  /**
   * Whether the page shows {@code e} in the form that caused it: refused values (422), a request
   * the form could not have meant (400) and conflicts with the current state (409, such as the last
   * owner). Anything else — forbidden, not found — is an error page ({@link PageErrors}).
   */
  static boolean inForm(OmniFlowException e) {
    return switch (e.kind()) {
      case INVALID_INPUT, BAD_REQUEST, CONFLICT -> true;
      default -> false;
    };
  }

  /** {@code e}'s message under the key of the field it names, or of the form. */
  static Map<String, String> of(OmniFlowException e, String form, Set<String> fields) {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put(key(e, form, fields), e.getMessage());
    return errors;
  }

  private static String key(OmniFlowException e, String form, Set<String> fields) {
    String code = e.code();
    if (code.startsWith("invalid_") && fields.contains(code.substring("invalid_".length()))) {
      return form + "-" + code.substring("invalid_".length());
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    for (String field : fields) {
      if (message.startsWith(field + " ")) {
        return form + "-" + field;
      }
    }
    return form;
  }
}
