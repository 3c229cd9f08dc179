package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Condition;
import ai.omniflow.fields.ConditionJson;
import ai.omniflow.fields.Problem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link Playbook}, as JSON-shaped maps (strings, booleans, lists and maps):
 * what a store saves and what {@code /nurture/playbooks} takes and answers. It is the pack file's
 * form (docs/nurture.md), durations ISO-8601:
 *
 * <pre>
 * {"key": "warm-lead-push", "name": "Warm lead push", "description": "…", "stop_on_reply": false,
 *  "fits": {"stages": ["new"], "bands": ["warm", "hot"], "intents": [], "silent_for": "P2D"},
 *  "steps": [{"key": "offer", "send": {"template": "warm_push", "channel": "sms"}},
 *            {"key": "wait_a_day", "wait": "P1D"},
 *            {"key": "two_work_hours", "wait": {"duration": "PT2H", "business_time": true}},
 *            {"key": "hot", "branch": {"on": "band", "bands": ["hot"], "then": "book"}},
 *            {"key": "big", "branch": {"on": "field", "then": "book",
 *                                      "when": {"field": "budget", "op": "gte", "value": 500000}}},
 *            {"key": "wants", "branch": {"on": "intent", "intents": ["showing_request"],
 *                                        "then": "book", "else": "done"}},
 *            {"key": "done", "stop": {}},
 *            {"key": "book", "task": {"kind": "showing", "title": "Book it", "due_in": "PT2H"}},
 *            {"key": "mark_contacted", "change_stage": {"stage": "contacted"}}]}
 * </pre>
 *
 * <pre>{@code
 * Playbook p = PlaybookJson.read(json, "warm-lead-push"); // 422 invalid_playbook naming the path
 * Map<String, Object> back = PlaybookJson.toJson(p);
 * }</pre>
 *
 * <p>{@link #read} finds every problem it can, each with the JSON pointer of its step ({@code
 * /steps/2/wait}), and refuses them together ({@link #refuse}); the graph checks are {@link
 * PlaybookValidator#structureProblems}'s. Messages quote at most {@link Problem#MAX_QUOTED}
 * characters of a value. Stateless and thread-safe.
 */
public final class PlaybookJson {
  private static final Set<String> PLAYBOOK_KEYS =
      Set.of("key", "name", "description", "stop_on_reply", "fits", "steps");
  private static final Set<String> FIT_KEYS = Set.of("stages", "bands", "intents", "silent_for");
  private static final List<String> KINDS =
      List.of("send", "wait", "branch", "task", "change_stage", "stop");
  private static final Set<String> SEND_KEYS = Set.of("template", "channel");
  private static final Set<String> BRANCH_KEYS =
      Set.of("on", "intents", "bands", "when", "then", "else");
  private static final Set<String> WAIT_KEYS = Set.of("duration", "business_time");
  private static final Set<String> TASK_KEYS = Set.of("kind", "title", "due_in");
  private static final Set<String> CHANGE_STAGE_KEYS = Set.of("stage");
  private static final int MAX_DURATION_TEXT = 40;
  private static final int MAX_REPORTED = 5;

  private PlaybookJson() {}

  /** {@code playbook} as a JSON object. */
  public static Map<String, @Nullable Object> toJson(Playbook playbook) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("key", playbook.key());
    out.put("name", playbook.name());
    out.put("description", playbook.description());
    out.put("stop_on_reply", playbook.stopOnReply());
    Fit f = playbook.fits();
    Map<String, @Nullable Object> fits = new LinkedHashMap<>();
    fits.put("stages", f.stages());
    fits.put("bands", f.bands());
    fits.put("intents", f.intents());
    fits.put("silent_for", f.silentFor() == null ? null : f.silentFor().toString());
    out.put("fits", fits);
    List<Object> steps = new ArrayList<>();
    for (PlaybookStep step : playbook.steps()) {
      Map<String, @Nullable Object> s = new LinkedHashMap<>();
      s.put("key", step.key());
      Map<String, @Nullable Object> body = new LinkedHashMap<>();
      if (step instanceof PlaybookStep.Send send) {
        body.put("template", send.template());
        body.put("channel", send.channel() == null ? null : send.channel().id());
        s.put("send", body);
      } else if (step instanceof PlaybookStep.Wait wait) {
        if (wait.businessTime()) {
          body.put("duration", wait.duration().toString());
          body.put("business_time", true);
          s.put("wait", body);
        } else {
          s.put("wait", wait.duration().toString());
        }
      } else if (step instanceof PlaybookStep.Branch b) {
        body.put("on", b.on().wireName());
        if (b.on() == PlaybookStep.Branch.On.BAND) {
          body.put("bands", b.bands());
        } else if (b.on() == PlaybookStep.Branch.On.FIELD && b.when() != null) {
          body.put("when", ConditionJson.toJson(b.when()));
        } else {
          body.put("intents", b.intents());
        }
        body.put("then", b.then());
        body.put("else", b.otherwise());
        s.put("branch", body);
      } else if (step instanceof PlaybookStep.CreateTask t) {
        body.put("kind", t.task().id());
        body.put("title", t.title());
        body.put("due_in", t.dueIn().toString());
        s.put("task", body);
      } else if (step instanceof PlaybookStep.ChangeStage c) {
        body.put("stage", c.stage());
        s.put("change_stage", body);
      } else {
        s.put("stop", body);
      }
      steps.add(s);
    }
    out.put("steps", steps);
    return out;
  }

  /**
   * The playbook {@code json} describes.
   *
   * @param key the key it must have (from the URL), or {@code null} to read it from {@code
   *     json.key}; a {@code key} in {@code json} that differs is refused
   * @throws OmniFlowException {@code invalid_playbook} (invalid input, 422) listing the first
   *     problems, each with its JSON pointer
   */
  public static Playbook read(@Nullable Object json, @Nullable String key) {
    Reader r = new Reader();
    Playbook p = r.playbook(json, key);
    if (p == null || !r.problems.isEmpty()) {
      throw refuse(key, r.problems);
    }
    return p;
  }

  /**
   * The {@code invalid_playbook} error listing {@code problems} with their paths, e.g. {@code
   * Playbook 'x' is not valid: /steps/2 step 'again' leads back to step 'nudge', a cycle; …}.
   */
  public static OmniFlowException refuse(@Nullable String key, List<Problem> problems) {
    StringBuilder b = new StringBuilder("Playbook");
    if (key != null) {
      b.append(" '").append(Problem.clip(key)).append('\'');
    }
    b.append(" is not valid: ");
    for (int i = 0; i < Math.min(problems.size(), MAX_REPORTED); i++) {
      Problem p = problems.get(i);
      b.append(i == 0 ? "" : "; ").append(p.path().isEmpty() ? "/" : p.path()).append(' ');
      b.append(p.message());
    }
    if (problems.size() > MAX_REPORTED) {
      b.append(" (and ").append(problems.size() - MAX_REPORTED).append(" more)");
    }
    return OmniFlowException.invalidInput(NurtureErrors.INVALID_PLAYBOOK, b.append('.').toString());
  }

  /** Reads one playbook, collecting its problems. */
  private static final class Reader {
    final List<Problem> problems = new ArrayList<>();

    @Nullable Playbook playbook(@Nullable Object json, @Nullable String pathKey) {
      Map<?, ?> m = object(json, "");
      if (m == null) {
        return null;
      }
      known(m, "", PLAYBOOK_KEYS);
      String key = pathKey;
      Object given = m.get("key");
      if (given != null || pathKey == null) {
        String k = text(m, "", "key", true, 63);
        if (k != null && pathKey != null && !k.equals(pathKey)) {
          add("/key", "is '" + Problem.clip(k) + "', not the playbook's id in the URL");
        }
        key = pathKey != null ? pathKey : k;
      }
      String name = text(m, "", "name", true, Playbook.MAX_NAME);
      String description =
          m.get("description") == null
              ? ""
              : text(m, "", "description", false, Playbook.MAX_DESCRIPTION);
      boolean stopOnReply = true;
      Object stop = m.get("stop_on_reply");
      if (stop instanceof Boolean bool) {
        stopOnReply = bool;
      } else if (stop != null) {
        add("/stop_on_reply", "must be true or false");
      }
      Fit fits = m.get("fits") == null ? Fit.ANY : fits(m.get("fits"));
      List<PlaybookStep> steps = new ArrayList<>();
      Object stepsJson = m.get("steps");
      if (!(stepsJson instanceof List<?> list)) {
        add("/steps", stepsJson == null ? "is missing" : "must be a list of steps");
      } else if (list.isEmpty() || list.size() > Playbook.MAX_STEPS) {
        add("/steps", "needs 1 to " + Playbook.MAX_STEPS + " steps, has " + list.size());
      } else {
        for (int i = 0; i < list.size(); i++) {
          PlaybookStep s = step(list.get(i), "/steps/" + i);
          if (s != null) {
            steps.add(s);
          }
        }
      }
      if (!problems.isEmpty() || key == null || name == null || description == null) {
        return null;
      }
      problems.addAll(PlaybookValidator.structureProblems(stopOnReply, steps));
      if (!problems.isEmpty()) {
        return null;
      }
      try {
        return new Playbook(key, name, description, stopOnReply, steps, fits);
      } catch (OmniFlowException e) {
        add("", e.getMessage());
        return null;
      }
    }

    private Fit fits(@Nullable Object json) {
      Map<?, ?> m = object(json, "/fits");
      if (m == null) {
        return Fit.ANY;
      }
      known(m, "/fits", FIT_KEYS);
      List<String> stages = strings(m, "/fits", "stages");
      List<String> bands = strings(m, "/fits", "bands");
      List<String> intents = strings(m, "/fits", "intents");
      Duration silent =
          m.get("silent_for") == null ? null : duration(m.get("silent_for"), "/fits/silent_for");
      try {
        return new Fit(
            stages == null ? List.of() : stages,
            bands == null ? List.of() : bands,
            intents == null ? List.of() : intents,
            silent);
      } catch (OmniFlowException e) {
        add("/fits", e.getMessage());
        return Fit.ANY;
      }
    }

    private @Nullable PlaybookStep step(@Nullable Object json, String path) {
      Map<?, ?> m = object(json, path);
      if (m == null) {
        return null;
      }
      int before = problems.size();
      Set<String> allowed = new java.util.HashSet<>(KINDS);
      allowed.add("key");
      known(m, path, allowed);
      String key = text(m, path, "key", true, 63);
      List<String> kinds = KINDS.stream().filter(m::containsKey).toList();
      if (kinds.size() != 1) {
        add(path, "a step is exactly one of send, wait, branch, task, change_stage or stop");
      }
      if (problems.size() != before || key == null) {
        return null;
      }
      String kind = kinds.get(0);
      String at = path + "/" + kind;
      Object body = m.get(kind);
      try {
        switch (kind) {
          case "send" -> {
            Map<?, ?> send = object(body, at);
            if (send == null) {
              return null;
            }
            known(send, at, SEND_KEYS);
            String template = text(send, at, "template", true, 63);
            String channelId =
                send.get("channel") == null ? null : text(send, at, "channel", false, 40);
            Channel channel = null;
            if (channelId != null) {
              try {
                channel = Channel.fromId(channelId);
              } catch (IllegalArgumentException e) {
                add(
                    at + "/channel",
                    "'"
                        + Problem.clip(channelId)
                        + "' is not a channel; use"
                        + " sms, whatsapp, email, facebook_dm or instagram_dm");
              }
            }
            return problems.size() != before || template == null
                ? null
                : new PlaybookStep.Send(key, template, channel);
          }
          case "wait" -> {
            if (!(body instanceof Map<?, ?> w)) {
              Duration d = duration(body, at);
              return d == null ? null : new PlaybookStep.Wait(key, d);
            }
            known(w, at, WAIT_KEYS);
            Duration d = duration(w.get("duration"), at + "/duration");
            Object business = w.get("business_time");
            if (business != null && !(business instanceof Boolean)) {
              add(at + "/business_time", "must be true or false");
            }
            return problems.size() != before || d == null
                ? null
                : new PlaybookStep.Wait(key, d, Boolean.TRUE.equals(business));
          }
          case "branch" -> {
            Map<?, ?> b = object(body, at);
            if (b == null) {
              return null;
            }
            known(b, at, BRANCH_KEYS);
            String on = text(b, at, "on", true, 20);
            PlaybookStep.Branch.On condition = PlaybookStep.Branch.On.of(on);
            if (on != null && condition == null) {
              add(
                  at + "/on",
                  "'"
                      + Problem.clip(on)
                      + "' is not a condition; use replied, intent, field or band");
            }
            List<String> intents = b.get("intents") == null ? List.of() : strings(b, at, "intents");
            List<String> bands = b.get("bands") == null ? List.of() : strings(b, at, "bands");
            if (bands != null) {
              for (int j = 0; j < bands.size(); j++) {
                if (!Fit.BANDS.contains(bands.get(j))) {
                  add(
                      at + "/bands/" + j,
                      "'"
                          + Problem.clip(bands.get(j))
                          + "' is not a score band; the bands are cold, warm and hot");
                }
              }
            }
            Condition when = null;
            if (b.get("when") != null) {
              when = ConditionJson.read(b.get("when"), at + "/when", problems);
            } else if (condition == PlaybookStep.Branch.On.FIELD) {
              add(at + "/when", "is missing: a branch on field needs a condition");
            }
            String then = text(b, at, "then", true, 63);
            String otherwise = b.get("else") == null ? null : text(b, at, "else", false, 63);
            return problems.size() != before
                    || condition == null
                    || intents == null
                    || bands == null
                    || then == null
                ? null
                : new PlaybookStep.Branch(key, condition, intents, bands, when, then, otherwise);
          }
          case "task" -> {
            Map<?, ?> t = object(body, at);
            if (t == null) {
              return null;
            }
            known(t, at, TASK_KEYS);
            String kindId = text(t, at, "kind", true, 20);
            TaskKind taskKind = kindId == null ? null : TaskKind.fromId(kindId);
            if (kindId != null && taskKind == null) {
              add(
                  at + "/kind",
                  "'"
                      + Problem.clip(kindId)
                      + "' is not a task kind; use call,"
                      + " email, showing, visit or follow_up");
            }
            String title = text(t, at, "title", true, PlaybookStep.MAX_TITLE);
            Duration dueIn =
                t.get("due_in") == null ? Duration.ZERO : duration(t.get("due_in"), at + "/due_in");
            return problems.size() != before || taskKind == null || title == null || dueIn == null
                ? null
                : new PlaybookStep.CreateTask(key, taskKind, title, dueIn);
          }
          case "change_stage" -> {
            Map<?, ?> c = object(body, at);
            if (c == null) {
              return null;
            }
            known(c, at, CHANGE_STAGE_KEYS);
            String stage = text(c, at, "stage", true, 63);
            return problems.size() != before || stage == null
                ? null
                : new PlaybookStep.ChangeStage(key, stage);
          }
          default -> {
            if (!(body instanceof Map<?, ?> s) || !s.isEmpty()) {
              add(at, "write \"stop\": {}");
              return null;
            }
            return new PlaybookStep.Stop(key);
          }
        }
      } catch (OmniFlowException e) {
        add(path, e.getMessage());
        return null;
      }
    }

    private @Nullable Map<?, ?> object(@Nullable Object json, String path) {
      if (json instanceof Map<?, ?> m) {
        return m;
      }
      add(path, json == null ? "is missing" : "must be a JSON object");
      return null;
    }

    private void known(Map<?, ?> m, String path, Set<String> keys) {
      for (Object k : m.keySet()) {
        if (!(k instanceof String s) || !keys.contains(s)) {
          add(
              path,
              "'"
                  + Problem.clip(String.valueOf(k))
                  + "' is not a property here; the"
                  + " properties are "
                  + new java.util.TreeSet<>(keys));
          return;
        }
      }
    }

    private @Nullable String text(
        Map<?, ?> m, String path, String name, boolean required, int max) {
      Object v = m.get(name);
      if (v == null) {
        if (required) {
          add(path + "/" + name, "is missing");
        }
        return null;
      }
      if (!(v instanceof String s)) {
        add(path + "/" + name, "must be a string");
        return null;
      }
      if ((required && s.isBlank()) || s.length() > max || s.indexOf('\0') >= 0) {
        add(path + "/" + name, "must be " + (required ? "1" : "0") + " to " + max + " characters");
        return null;
      }
      return s;
    }

    private @Nullable List<String> strings(Map<?, ?> m, String path, String name) {
      Object v = m.get(name);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> list)
          || list.size() > Fit.MAX_ITEMS
          || !list.stream().allMatch(x -> x instanceof String s && s.length() <= 63)) {
        add(path + "/" + name, "must be a list of at most " + Fit.MAX_ITEMS + " keys");
        return null;
      }
      return list.stream().map(String.class::cast).toList();
    }

    private @Nullable Duration duration(@Nullable Object v, String path) {
      if (!(v instanceof String s) || s.length() > MAX_DURATION_TEXT) {
        add(path, "must be an ISO-8601 duration such as PT4H or P2D");
        return null;
      }
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        add(path, "'" + s + "' is not an ISO-8601 duration such as PT4H or P2D");
        return null;
      }
    }

    private void add(String path, String message) {
      problems.add(new Problem(path, message));
    }
  }
}
