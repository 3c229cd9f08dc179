package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /**
   * The values of an add form to show again after a refusal, under their field keys: those that
   * were accepted, each at most {@code max} characters; the refused field's value is left out, so
   * the page never echoes what it refused.
   */
  static Map<String, String> kept(
      Map<String, String> errors, String form, Map<String, @Nullable String> submitted, int max) {
    Map<String, String> kept = new LinkedHashMap<>();
    submitted.forEach(
        (field, value) -> {
          String key = form + "-" + field;
          if (value != null && value.length() <= max && !errors.containsKey(key)) {
            kept.put(key, value);
          }
        });
    return kept;
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
