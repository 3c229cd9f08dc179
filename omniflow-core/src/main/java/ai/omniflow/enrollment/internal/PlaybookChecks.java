package ai.omniflow.enrollment.internal;

import ai.omniflow.InputError;
import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookValidator;
import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.pack.VerticalPack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An org's playbook checked against the org's pack as it is now (decision 0087): at save, and again
 * on every read, since the pack may have changed since the save. Not API. Stateless and
 * thread-safe.
 */
final class PlaybookChecks {
  /** The reason a step with a problem ends an enrollment, as {@code playbook_invalid}. */
  static final String INVALID = NurtureErrors.PLAYBOOK_INVALID;

  private static final int MAX_IN_MESSAGE = 3;

  private PlaybookChecks() {}

  /** The problems of {@code playbook} against {@code pack}; empty if it is valid there. */
  static List<Problem> problems(Playbook playbook, VerticalPack pack) {
    return PlaybookValidator.problems(
        playbook,
        pack.nurture().templates().keySet(),
        pack.intents().stream().map(VerticalPack.Intent::key).collect(Collectors.toSet()),
        pack.stages().stream().map(VerticalPack.Stage::key).collect(Collectors.toSet()),
        pack.stages().stream()
            .filter(VerticalPack.Stage::isTerminal)
            .map(VerticalPack.Stage::key)
            .collect(Collectors.toSet()),
        pack.leadFields());
  }

  /** The org's own playbook as in force, checked against {@code pack}. */
  static OrgPlaybook own(StoredPlaybook own, VerticalPack pack) {
    boolean overrides = pack.nurture().playbook(own.key()).isPresent();
    return new OrgPlaybook(
        own.playbook(),
        overrides ? OrgPlaybook.Origin.OVERRIDE : OrgPlaybook.Origin.ORG,
        own.updatedAt(),
        problems(own.playbook(), pack));
  }

  /** The indices of the steps that have a problem ({@code /steps/<i>…}). */
  static Set<Integer> brokenSteps(List<Problem> problems) {
    Set<Integer> out = new HashSet<>();
    for (Problem p : problems) {
      int step = stepOf(p);
      if (step >= 0) {
        out.add(step);
      }
    }
    return Set.copyOf(out);
  }

  /** The first problem at step {@code index}, or {@code null}. */
  static @Nullable Problem at(List<Problem> problems, int index) {
    for (Problem p : problems) {
      if (stepOf(p) == index) {
        return p;
      }
    }
    return null;
  }

  /**
   * The refusal of enrolling in an invalid playbook: {@code playbook_invalid} (conflict), naming
   * the playbook and its first problems' steps, each problem in {@code errors}.
   */
  static OmniFlowException refuse(OrgPlaybook p) {
    StringBuilder b =
        new StringBuilder("Playbook '")
            .append(p.playbook().key())
            .append("' no longer fits the org's pack: ");
    List<InputError> errors = new ArrayList<>();
    for (int i = 0; i < p.problems().size(); i++) {
      Problem pr = p.problems().get(i);
      if (i < MAX_IN_MESSAGE) {
        b.append(i == 0 ? "" : "; ").append(pr.path()).append(' ').append(pr.message());
      }
      errors.add(new InputError(pr.path(), 0, pr.message()));
    }
    if (p.problems().size() > MAX_IN_MESSAGE) {
      b.append(" (and ").append(p.problems().size() - MAX_IN_MESSAGE).append(" more)");
    }
    b.append(". Save it again, fixed, to enroll leads in it.");
    return OmniFlowException.conflict(NurtureErrors.PLAYBOOK_INVALID, b.toString(), errors);
  }

  /**
   * What a repair of {@code old} moves (decision 0099): each step of {@code old} whose key is not
   * at the same index in {@code next}, and a changed {@code stop_on_reply}, each at the JSON
   * pointer of its place ({@code /steps/1/key}, {@code /steps/2} for a step gone, {@code
   * /stop_on_reply}); empty when {@code next} keeps them all (adding steps after the last keeps
   * them). Step keys are bounded slugs, so the messages quote them whole.
   */
  static List<InputError> moved(Playbook old, Playbook next) {
    List<InputError> out = new ArrayList<>();
    if (old.stopOnReply() != next.stopOnReply()) {
      out.add(
          new InputError(
              "/stop_on_reply",
              0,
              "stop_on_reply must stay "
                  + old.stopOnReply()
                  + ", the value the running enrollments started with"));
    }
    for (int i = 0; i < old.steps().size(); i++) {
      String was = old.steps().get(i).key();
      if (i >= next.steps().size()) {
        out.add(
            new InputError("/steps/" + i, 0, "step " + (i + 1) + " was '" + was + "' and is gone"));
      } else if (!next.steps().get(i).key().equals(was)) {
        out.add(
            new InputError(
                "/steps/" + i + "/key",
                0,
                "step "
                    + (i + 1)
                    + " was '"
                    + was
                    + "' and is '"
                    + next.steps().get(i).key()
                    + "'"));
      }
    }
    return out.size() > OmniFlowException.MAX_ERRORS
        ? List.copyOf(out.subList(0, OmniFlowException.MAX_ERRORS))
        : List.copyOf(out);
  }

  /** The step index a problem's path points into, or -1 for one outside the steps. */
  private static int stepOf(Problem p) {
    String path = p.path();
    if (!path.startsWith("/steps/")) {
      return -1;
    }
    int end = path.indexOf('/', 7);
    String digits = end < 0 ? path.substring(7) : path.substring(7, end);
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(digits);
  }
}
