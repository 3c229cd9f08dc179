package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.PackErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * A refused override as {@code /settings/pack} shows it: the summary, and each problem with its
 * path in the patch ({@code /stages/0/lable}) on a line of its own. Core reports the problems of
 * {@code invalid_pack_override} in its message, as {@code <path> : <problem>} separated by {@code
 * "; "} (decision 0080); this splits that message where a new path starts, in one pass (decision
 * 0084). Any other refusal (a patch too long, no pack selected) is its message alone. The message
 * is OmniFlow's own, bounded, and never echoes the patch.
 *
 * <pre>{@code
 * PackOverrideErrors refused = PackOverrideErrors.of(e); // e.code() == "invalid_pack_override"
 * refused.problems().forEach(p -> print(p.path() + ": " + p.problem()));
 * }</pre>
 *
 * @param summary the refusal's first sentence without its full stop, such as {@code The override of
 *     real-estate 1.6.2 is not valid (2 problems)}
 * @param problems each problem with its path, in core's order; empty when the message has none
 * @param more how many further problems core counted but did not list ({@code 0} for none)
 */
record PackOverrideErrors(String summary, List<Problem> problems, int more) {
  /** One problem: where in the patch (or the merged pack) and what is wrong there. */
  record Problem(String path, String problem) {}

  private static final String SEPARATOR = " : ";

  PackOverrideErrors {
    problems = List.copyOf(problems);
  }

  /** The refusal as the page lists it. */
  static PackOverrideErrors of(OmniFlowException e) {
    String message = e.getMessage() == null ? e.code() : e.getMessage();
    int start = message.indexOf("): ");
    if (!PackErrors.INVALID_PACK_OVERRIDE.equals(e.code()) || start < 0) {
      String sentence =
          message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
      return new PackOverrideErrors(sentence, List.of(), 0);
    }
    String summary = message.substring(0, start + 1);
    String rest = message.substring(start + 3);
    if (rest.endsWith(".")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int more = 0;
    int and = rest.lastIndexOf(" (and ");
    if (and >= 0 && rest.endsWith(" more)")) {
      try {
        more = Integer.parseInt(rest.substring(and + 6, rest.length() - 6));
        rest = rest.substring(0, and);
      } catch (NumberFormatException notACount) {
        more = 0;
      }
    }
    List<Problem> problems = new ArrayList<>();
    int from = 0;
    while (from < rest.length()) {
      // A problem ends where "; /" starts the next one's path; a message may hold "; " itself.
      int next = rest.indexOf("; /", from);
      int end = next < 0 ? rest.length() : next;
      problems.add(problem(rest.substring(from, end)));
      from = next < 0 ? rest.length() : next + 2;
    }
    return new PackOverrideErrors(summary, problems, more);
  }

  private static Problem problem(String text) {
    int at = text.indexOf(SEPARATOR);
    return at < 0
        ? new Problem("/", text)
        : new Problem(text.substring(0, at), text.substring(at + SEPARATOR.length()));
  }
}
