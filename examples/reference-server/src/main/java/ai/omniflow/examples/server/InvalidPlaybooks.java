package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.fields.Problem;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's own playbooks that do not fit its pack as it is now (decision 0087), as the pages show
 * them ({@code /settings/pack} and the lead page's nurture section, decision 0091): each with its
 * name, key and its first problems, each at its step. Read from {@code omniFlow.playbooks().list},
 * which checks them against the pack on every read, so it is exactly what {@code GET
 * /nurture/playbooks} shows as {@code invalid}. Bounded: at most {@link #MAX_SHOWN} problems a
 * playbook, each message cut at {@link #MAX_MESSAGE} characters.
 */
final class InvalidPlaybooks {
  /** Problems shown for a playbook; the rest are counted. */
  static final int MAX_SHOWN = 5;

  /** A problem's message is cut at this many characters. */
  static final int MAX_MESSAGE = 300;

  private static final Pattern STEP = Pattern.compile("^/steps/(\\d{1,4})(?:/|$)");

  private InvalidPlaybooks() {}

  /**
   * A playbook that does not fit the pack.
   *
   * @param more how many problems it has beyond those shown
   */
  record Row(String key, String name, List<ProblemRow> problems, int more) {}

  /**
   * One problem: where ({@code Step 2}, or {@code The playbook} for one on no step), its JSON
   * pointer and what is wrong.
   */
  record ProblemRow(String step, String path, String message) {}

  /**
   * The org's playbooks that read invalid now; none for a member who may not read leads, and none
   * in an org with no pack yet (it has no playbooks in force to check: {@code pack_required}).
   */
  static List<Row> of(OmniFlow omniFlow, Actor actor) {
    if (!Permission.LEADS_READ.allows(actor.role()) || omniFlow.packs().current(actor).isEmpty()) {
      return List.of();
    }
    List<Row> out = new ArrayList<>();
    for (OrgPlaybook p : omniFlow.playbooks().list(actor)) {
      if (p.status() != OrgPlaybook.Status.INVALID) {
        continue;
      }
      List<ProblemRow> shown = new ArrayList<>();
      for (Problem pr : p.problems()) {
        if (shown.size() == MAX_SHOWN) {
          break;
        }
        shown.add(new ProblemRow(step(pr.path()), pr.path(), cut(pr.message())));
      }
      out.add(
          new Row(
              p.playbook().key(), p.playbook().name(), shown, p.problems().size() - shown.size()));
    }
    return out;
  }

  /**
   * The notice's sentence after a pack change that leaves {@code invalid} not fitting, or an empty
   * string when every playbook fits.
   */
  static String notice(List<Row> invalid) {
    if (invalid.isEmpty()) {
      return "";
    }
    return invalid.size() == 1
        ? " One of the org's playbooks ("
            + invalid.get(0).name()
            + ") no longer fits the pack:"
            + " it is not offered or applied until it is fixed; see “Playbooks that no longer"
            + " fit” below."
        : " "
            + invalid.size()
            + " of the org's playbooks no longer fit the pack: they are not offered or applied"
            + " until they are fixed; see “Playbooks that no longer fit” below.";
  }

  private static String step(String path) {
    Matcher m = STEP.matcher(path);
    return m.find() ? "Step " + (Integer.parseInt(m.group(1)) + 1) : "The playbook";
  }

  private static String cut(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
