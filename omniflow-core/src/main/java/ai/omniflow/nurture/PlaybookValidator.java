package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Problem;
import ai.omniflow.scoring.CompiledRules;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a playbook's steps obey together, and against the pack that ships it. Every problem is
 * a {@link Problem} whose path points at the step ({@code /steps/3}, {@code /steps/3/then}) and
 * whose message names it by key.
 *
 * <ul>
 *   <li>Structure ({@link #structureProblems}, which {@link Playbook}'s constructor enforces): step
 *       keys are unique; a branch's {@code then} and {@code else} name steps of the playbook; no
 *       cycle (a branch never leads back to itself or an earlier step on its path); every step is
 *       reached from the first; the waits on any path add up to at most {@link
 *       Playbook#MAX_TOTAL_WAIT}; no branch reads replies in a playbook that stops on any reply.
 *   <li>Against the pack ({@link #problems}): each send names a template the pack's nurture section
 *       has, each intent branch names intents the pack has, each field branch's condition reads the
 *       pack's lead fields as scoring rules do, each stage step names a stage of the pack that does
 *       not close the lead.
 * </ul>
 *
 * <pre>{@code
 * List<Problem> problems = PlaybookValidator.problems(playbook, templateKeys, intentKeys);
 * PlaybookValidator.requireValid(playbook, templateKeys, intentKeys); // 422 invalid_playbook
 * }</pre>
 *
 * <p>Linear in the number of steps. Stateless and thread-safe.
 */
public final class PlaybookValidator {
  private static final int MAX_REPORTED = 3;
  private static final int MAX_LISTED = 12;

  private PlaybookValidator() {}

  /**
   * The problems of {@code playbook} against the pack's template and intent keys; empty if it is
   * valid there. Structure problems cannot occur: the playbook's constructor refused them.
   */
  public static List<Problem> problems(
      Playbook playbook, Set<String> templates, Set<String> intents) {
    return problems(playbook, templates, intents, null);
  }

  /**
   * As {@link #problems(Playbook, Set, Set)}, and the stages and intents of the playbook's {@link
   * Fit} against the pack's ({@code /fits/stages/0}, {@code /fits/intents/0}).
   *
   * @param stages the pack's stage keys, or {@code null} not to check the fit's stages
   */
  public static List<Problem> problems(
      Playbook playbook,
      Set<String> templates,
      Set<String> intents,
      @org.jspecify.annotations.Nullable Set<String> stages) {
    return problems(playbook, templates, intents, stages, null);
  }

  /**
   * As {@link #problems(Playbook, Set, Set, Set)}, and each field branch's condition against the
   * pack's lead fields and the built-in fields, as scoring rules are checked ({@code
   * CompiledRules.problems}): an unknown field, an operator the field's type does not have, an
   * operand of the wrong type or not an option, a malformed regular expression ({@code
   * /steps/3/branch/when/field}, {@code /steps/3/branch/when/all/1/value}).
   *
   * @param fields the pack's lead fields, or {@code null} not to check field branches
   */
  public static List<Problem> problems(
      Playbook playbook,
      Set<String> templates,
      Set<String> intents,
      @org.jspecify.annotations.Nullable Set<String> stages,
      @org.jspecify.annotations.Nullable List<LeadField> fields) {
    return problems(playbook, templates, intents, stages, Set.of(), fields);
  }

  /**
   * As {@link #problems(Playbook, Set, Set, Set, List)}, and each {@code change_stage} step against
   * the pack's stages ({@code /steps/3/change_stage/stage}): a stage the pack has, and not one that
   * closes the lead (won or lost need an outcome, which a person records).
   *
   * @param stages the pack's stage keys, or {@code null} to check neither the fit's stages nor the
   *     stage steps
   * @param closingStages the keys of the pack's stages that close a lead (its won and lost stages)
   * @param fields the pack's lead fields, or {@code null} not to check field branches
   */
  public static List<Problem> problems(
      Playbook playbook,
      Set<String> templates,
      Set<String> intents,
      @org.jspecify.annotations.Nullable Set<String> stages,
      Set<String> closingStages,
      @org.jspecify.annotations.Nullable List<LeadField> fields) {
    List<Problem> out = new ArrayList<>();
    Fit fits = playbook.fits();
    if (stages != null) {
      for (int j = 0; j < fits.stages().size(); j++) {
        String stage = fits.stages().get(j);
        if (!stages.contains(stage)) {
          out.add(
              new Problem(
                  "/fits/stages/" + j,
                  "the playbook fits the stage '"
                      + stage
                      + "', which the pack does not have"
                      + known(stages)));
        }
      }
    }
    for (int j = 0; j < fits.intents().size(); j++) {
      String intent = fits.intents().get(j);
      if (!intents.contains(intent)) {
        out.add(
            new Problem(
                "/fits/intents/" + j,
                "the playbook fits the intent '"
                    + intent
                    + "', which the pack does not have"
                    + known(intents)));
      }
    }
    List<PlaybookStep> steps = playbook.steps();
    for (int i = 0; i < steps.size(); i++) {
      PlaybookStep step = steps.get(i);
      if (step instanceof PlaybookStep.Send send && !templates.contains(send.template())) {
        out.add(
            new Problem(
                "/steps/" + i + "/template",
                "step '"
                    + step.key()
                    + "' sends the template '"
                    + send.template()
                    + "', which the pack's nurture templates do not have"
                    + known(templates)));
      }
      if (step instanceof PlaybookStep.ChangeStage change && stages != null) {
        if (!stages.contains(change.stage())) {
          out.add(
              new Problem(
                  "/steps/" + i + "/change_stage/stage",
                  "step '"
                      + step.key()
                      + "' moves the lead to the stage '"
                      + change.stage()
                      + "', which the pack does not have"
                      + known(stages)));
        } else if (closingStages.contains(change.stage())) {
          out.add(
              new Problem(
                  "/steps/" + i + "/change_stage/stage",
                  "step '"
                      + step.key()
                      + "' moves the lead to the stage '"
                      + change.stage()
                      + "', which closes it; a won or lost lead needs its outcome, which a person"
                      + " records"));
        }
      }
      if (step instanceof PlaybookStep.Branch branch && branch.when() != null && fields != null) {
        for (Problem p :
            CompiledRules.problems(fields, branch.when(), "/steps/" + i + "/branch/when")) {
          out.add(
              new Problem(
                  p.path(), "step '" + step.key() + "' branches on a condition: " + p.message()));
        }
      }
      if (step instanceof PlaybookStep.Branch branch) {
        for (int j = 0; j < branch.intents().size(); j++) {
          String intent = branch.intents().get(j);
          if (!intents.contains(intent)) {
            out.add(
                new Problem(
                    "/steps/" + i + "/intents/" + j,
                    "step '"
                        + step.key()
                        + "' branches on the intent '"
                        + intent
                        + "', which the pack does not have"
                        + known(intents)));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code playbook}, if it has no problems against the pack's keys.
   *
   * @throws OmniFlowException {@code invalid_playbook} (invalid input, 422) naming the first
   *     problems' steps
   */
  public static Playbook requireValid(
      Playbook playbook, Set<String> templates, Set<String> intents) {
    List<Problem> problems = problems(playbook, templates, intents);
    if (!problems.isEmpty()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "Playbook '" + playbook.key() + "': " + summary(problems) + ".");
    }
    return playbook;
  }

  /**
   * The problems of steps that do not hold together, whatever the pack: keys used twice, branches
   * to no step, replies read where any reply stops the playbook, cycles, steps never reached, and
   * waits adding up past {@link Playbook#MAX_TOTAL_WAIT}. Empty if none.
   *
   * @param stopOnReply whether the playbook stops on any reply
   * @param steps the steps, each valid on its own
   */
  public static List<Problem> structureProblems(boolean stopOnReply, List<PlaybookStep> steps) {
    List<Problem> out = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      PlaybookStep step = steps.get(i);
      Integer first = index.putIfAbsent(step.key(), i);
      if (first != null) {
        out.add(
            new Problem(
                "/steps/" + i + "/key",
                "step '" + step.key() + "' has the key of an earlier step (/steps/" + first + ")"));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof PlaybookStep.Branch branch) {
        target(out, i, branch, "then", branch.then(), index);
        if (branch.otherwise() != null) {
          target(out, i, branch, "else", branch.otherwise(), index);
        }
        boolean readsReplies =
            branch.on() == PlaybookStep.Branch.On.REPLIED
                || branch.on() == PlaybookStep.Branch.On.INTENT;
        if (stopOnReply && readsReplies) {
          out.add(
              new Problem(
                  "/steps/" + i,
                  "step '"
                      + branch.key()
                      + "' branches on a reply, but the playbook stops on any reply; set"
                      + " stop_on_reply to false"));
        }
      }
    }
    if (!out.isEmpty()) {
      return List.copyOf(out);
    }
    int n = steps.size();
    int[][] next = new int[n][];
    for (int i = 0; i < n; i++) {
      next[i] = successors(steps, i, index);
    }
    // Depth-first from the first step: a successor still on the path closes a cycle.
    byte[] state = new byte[n]; // 0 unseen, 1 on the path, 2 done
    List<Integer> finished = new ArrayList<>(n);
    Deque<int[]> stack = new ArrayDeque<>();
    stack.push(new int[] {0, 0});
    state[0] = 1;
    while (!stack.isEmpty()) {
      int[] top = stack.peek();
      int from = top[0];
      if (top[1] < next[from].length) {
        int to = next[from][top[1]++];
        if (state[to] == 1) {
          out.add(
              new Problem(
                  "/steps/" + from,
                  "step '"
                      + steps.get(from).key()
                      + "' leads back to step '"
                      + steps.get(to).key()
                      + "', a cycle; a playbook only goes forward"));
        } else if (state[to] == 0) {
          state[to] = 1;
          stack.push(new int[] {to, 0});
        }
      } else {
        state[from] = 2;
        finished.add(from);
        stack.pop();
      }
    }
    for (int i = 0; i < n; i++) {
      if (state[i] == 0) {
        out.add(
            new Problem(
                "/steps/" + i,
                "step '"
                    + steps.get(i).key()
                    + "' is never reached: no step leads to it (a stop or a branch comes before)"));
      }
    }
    if (!out.isEmpty()) {
      return List.copyOf(out);
    }
    // No cycle, all reached: the longest wait before and at each step, in topological order.
    Duration[] reached = new Duration[n];
    for (int i = 0; i < n; i++) {
      reached[i] = Duration.ZERO;
    }
    Duration limit = Playbook.MAX_TOTAL_WAIT;
    for (int k = finished.size() - 1; k >= 0; k--) {
      int i = finished.get(k);
      Duration at =
          steps.get(i) instanceof PlaybookStep.Wait wait
              ? reached[i].plus(wait.duration())
              : reached[i];
      if (at.compareTo(limit) > 0) {
        out.add(
            new Problem(
                "/steps/" + i,
                "step '"
                    + steps.get(i).key()
                    + "' ends a path whose waits add up to "
                    + at.toDays()
                    + " days; the waits on a path add up to at most "
                    + limit.toDays()
                    + " days"));
        return List.copyOf(out);
      }
      for (int to : next[i]) {
        if (at.compareTo(reached[to]) > 0) {
          reached[to] = at;
        }
      }
    }
    return List.copyOf(out);
  }

  /** The indices of the steps that may run after step {@code i}. */
  static int[] successors(List<PlaybookStep> steps, int i, Map<String, Integer> index) {
    PlaybookStep step = steps.get(i);
    boolean last = i + 1 >= steps.size();
    if (step instanceof PlaybookStep.Stop) {
      return new int[0];
    }
    if (step instanceof PlaybookStep.Branch b) {
      int then = index.get(b.then());
      Integer otherwise = b.otherwise() == null ? (last ? null : i + 1) : index.get(b.otherwise());
      if (otherwise == null || otherwise == then) {
        return new int[] {then};
      }
      return new int[] {then, otherwise};
    }
    return last ? new int[0] : new int[] {i + 1};
  }

  /** The first few problems' messages, joined, and how many more there are. */
  static String summary(List<Problem> problems) {
    List<String> shown = problems.stream().limit(MAX_REPORTED).map(Problem::message).toList();
    return String.join("; ", shown)
        + (problems.size() > MAX_REPORTED
            ? " (and " + (problems.size() - MAX_REPORTED) + " more)"
            : "");
  }

  private static void target(
      List<Problem> out,
      int i,
      PlaybookStep.Branch branch,
      String which,
      String target,
      Map<String, Integer> index) {
    if (!index.containsKey(target)) {
      out.add(
          new Problem(
              "/steps/" + i + "/" + which,
              "step '"
                  + branch.key()
                  + "' goes to '"
                  + target
                  + "', which is no step of this playbook"));
    }
  }

  private static String known(Set<String> keys) {
    if (keys.isEmpty()) {
      return " (it has none)";
    }
    if (keys.size() > MAX_LISTED) {
      return "";
    }
    return "; known: " + String.join(", ", new TreeSet<>(keys));
  }
}
