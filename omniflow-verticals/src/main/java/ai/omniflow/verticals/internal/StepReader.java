package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Condition;
import ai.omniflow.nurture.Fit;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one step of a playbook: its key and exactly one of send, wait, branch, task, change_stage
 * or stop. Not thread-safe; one per file.
 *
 * <p>Core's {@link ai.omniflow.nurture.PlaybookJson} reads the same steps for the API and the
 * stores, from JSON maps; this reader is the pack file's (decision 0072). It reads the YAML tree,
 * speaks to pack authors ({@code is required}, {@code unknown key 'x' (did you mean …)}, {@code
 * write stop: {}}), refuses blank or repeated intents and bands and names the kinds a step mixes.
 * The API's reader answers in its own words and also caps each text's length before it builds a
 * step; here the steps' constructors bound what they hold (keys, a title at 200 characters), and
 * what they refuse is reported at the step.
 */
final class StepReader {
  static final Set<String> STEP_KINDS =
      orderedSet("send", "wait", "branch", "task", "change_stage", "stop");
  static final Set<String> SEND_KEYS = orderedSet("template", "channel");
  static final Set<String> BRANCH_KEYS =
      orderedSet("on", "intents", "bands", "when", "then", "else");
  static final Set<String> WAIT_KEYS = orderedSet("duration", "business_time");
  static final Set<String> TASK_KEYS = orderedSet("kind", "title", "due_in");
  static final Set<String> CHANGE_STAGE_KEYS = orderedSet("stage");

  private final Problems problems;
  private final PackValues values;
  private final ConditionReader conditions;

  StepReader(PackValues values, ConditionReader conditions) {
    this.problems = values.problems();
    this.values = values;
    this.conditions = conditions;
  }

  /** One step: {@code key} and exactly one of send, wait, branch, task, change_stage, stop. */
  @Nullable PlaybookStep read(ObjectNode item, String path) {
    int before = problems.count();
    Set<String> known = new LinkedHashSet<>();
    known.add("key");
    known.addAll(STEP_KINDS);
    values.knownKeys(item, path, known);
    String key = values.text(item, path, "key", true);
    List<String> kinds = new ArrayList<>();
    for (String kind : STEP_KINDS) {
      if (item.has(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      problems.add(
          path,
          "a step is exactly one of send, wait, branch, task, change_stage or stop"
              + (kinds.isEmpty() ? "; this is none" : "; this is " + String.join(" and ", kinds)));
    }
    if (problems.count() != before || key == null) {
      return null;
    }
    if (!PlaybookStep.KEY.matcher(key).matches()) {
      problems.add(
          Problems.child(path, "key"), "'" + key + "' is not a step key; " + PlaybookStep.KEY_RULE);
      return null;
    }
    String kind = kinds.get(0);
    String at = Problems.child(path, kind);
    JsonNode node = item.get(kind);
    try {
      return switch (kind) {
        case "send" -> send(key, node, at);
        case "wait" -> waitStep(key, node, at);
        case "branch" -> branch(key, node, at);
        case "task" -> task(key, node, at);
        case "change_stage" -> changeStage(key, node, at);
        default -> stop(key, node, at);
      };
    } catch (OmniFlowException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  /** A send step: a template and, optionally, the channel to send it on. */
  private @Nullable PlaybookStep send(String key, JsonNode node, String at) {
    int before = problems.count();
    ObjectNode send = values.mapping(node, at);
    if (send == null) {
      return null;
    }
    values.knownKeys(send, at, SEND_KEYS);
    String template = values.text(send, at, "template", true);
    String channelName = values.text(send, at, "channel", false);
    Channel channel = null;
    if (channelName != null) {
      try {
        channel = Channel.fromId(channelName);
      } catch (IllegalArgumentException e) {
        problems.add(
            Problems.child(at, "channel"),
            "'"
                + channelName
                + "' is not a channel; use sms, whatsapp, email, facebook_dm or"
                + " instagram_dm");
      }
    }
    return problems.count() != before || template == null
        ? null
        : new PlaybookStep.Send(key, template, channel);
  }

  /** A wait step: a duration, or a mapping of a duration and whether it counts business time. */
  private @Nullable PlaybookStep waitStep(String key, JsonNode node, String at) {
    int before = problems.count();
    if (!(node instanceof ObjectNode wait)) {
      Duration d = values.duration(node, at);
      return d == null ? null : new PlaybookStep.Wait(key, d);
    }
    values.knownKeys(wait, at, WAIT_KEYS);
    JsonNode durationNode = wait.get("duration");
    Duration d = null;
    if (durationNode == null) {
      problems.add(Problems.child(at, "duration"), "is required");
    } else {
      d = values.duration(durationNode, Problems.child(at, "duration"));
    }
    JsonNode business = wait.get("business_time");
    if (business != null && !business.isBoolean()) {
      problems.add(
          Problems.child(at, "business_time"),
          "must be true or false, but is " + describe(business));
    }
    return problems.count() != before || d == null
        ? null
        : new PlaybookStep.Wait(key, d, business != null && business.booleanValue());
  }

  /** A branch step: on what it branches, then where it goes when that holds and else where. */
  private @Nullable PlaybookStep branch(String key, JsonNode node, String at) {
    int before = problems.count();
    ObjectNode branch = values.mapping(node, at);
    if (branch == null) {
      return null;
    }
    values.knownKeys(branch, at, BRANCH_KEYS);
    String on = values.text(branch, at, "on", true);
    PlaybookStep.Branch.On condition = PlaybookStep.Branch.On.of(on);
    if (on != null && condition == null) {
      problems.add(
          Problems.child(at, "on"),
          "'" + on + "' is not a condition; use replied, intent, field or band");
    }
    List<String> intents = values.strings(branch, at, "intents", Words.ANY);
    List<String> bands = values.strings(branch, at, "bands", Words.ANY);
    if (bands != null) {
      for (int j = 0; j < bands.size(); j++) {
        if (!Fit.BANDS.contains(bands.get(j))) {
          problems.add(
              Problems.child(Problems.child(at, "bands"), j),
              "'" + bands.get(j) + "' is not a score band; the bands are cold, warm and hot");
        }
      }
    }
    Condition when = null;
    if (branch.has("when")) {
      // The scoring rules' condition language; the fields are checked with the whole pack.
      when = conditions.condition(branch.get("when"), Problems.child(at, "when"));
    } else if (condition == PlaybookStep.Branch.On.FIELD) {
      problems.add(Problems.child(at, "when"), "is required by a branch on field");
    }
    String then = values.text(branch, at, "then", true);
    String otherwise = values.text(branch, at, "else", false);
    return problems.count() != before
            || condition == null
            || intents == null
            || bands == null
            || then == null
        ? null
        : new PlaybookStep.Branch(key, condition, intents, bands, when, then, otherwise);
  }

  /** A task step: the kind of task, its title and, optionally, when it is due. */
  private @Nullable PlaybookStep task(String key, JsonNode node, String at) {
    int before = problems.count();
    ObjectNode task = values.mapping(node, at);
    if (task == null) {
      return null;
    }
    values.knownKeys(task, at, TASK_KEYS);
    String kindName = values.text(task, at, "kind", true);
    TaskKind taskKind = null;
    if (kindName != null) {
      taskKind = TaskKind.fromId(kindName);
      if (taskKind == null) {
        problems.add(
            Problems.child(at, "kind"),
            "'" + kindName + "' is not a task kind; use call, email, showing, visit or follow_up");
      }
    }
    String title = values.text(task, at, "title", true);
    Duration dueIn =
        task.has("due_in")
            ? values.duration(task.get("due_in"), Problems.child(at, "due_in"))
            : Duration.ZERO;
    return problems.count() != before || taskKind == null || title == null || dueIn == null
        ? null
        : new PlaybookStep.CreateTask(key, taskKind, title, dueIn);
  }

  /** A change_stage step: the stage the lead moves to. */
  private @Nullable PlaybookStep changeStage(String key, JsonNode node, String at) {
    int before = problems.count();
    ObjectNode change = values.mapping(node, at);
    if (change == null) {
      return null;
    }
    values.knownKeys(change, at, CHANGE_STAGE_KEYS);
    String stage = values.text(change, at, "stage", true);
    return problems.count() != before || stage == null
        ? null
        : new PlaybookStep.ChangeStage(key, stage);
  }

  /** A stop step: an empty mapping. */
  private @Nullable PlaybookStep stop(String key, JsonNode node, String at) {
    if (!(node instanceof ObjectNode stop) || !stop.isEmpty()) {
      problems.add(at, "write stop: {}");
      return null;
    }
    return new PlaybookStep.Stop(key);
  }
}
