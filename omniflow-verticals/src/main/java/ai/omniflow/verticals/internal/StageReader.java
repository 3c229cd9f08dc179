package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.pack.VerticalPack.Stage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code stages}: the pipeline, which starts at a non-terminal stage and has a
 * terminal stage for each outcome. Not thread-safe; one per file.
 */
final class StageReader {
  static final Set<String> STAGE_KEYS = orderedSet("key", "label", "outcome");

  private final Problems problems;
  private final PackValues values;

  StageReader(PackValues values) {
    this.problems = values.problems();
    this.values = values;
  }

  /** The stages, or null with the problems noted. */
  @Nullable List<Stage> read(ObjectNode pack) {
    List<@Nullable ObjectNode> items = values.list(pack, "", "stages", true);
    if (items == null) {
      return null;
    }
    List<Stage> stages = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = Problems.child("/stages", i);
      ObjectNode item = items.get(i);
      if (item == null) {
        ok = false;
        continue;
      }
      int before = problems.count();
      values.knownKeys(item, path, STAGE_KEYS);
      String key = values.key(item, path, keys);
      String label = values.text(item, path, "label", true);
      String outcome = values.text(item, path, "outcome", false);
      if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
        problems.add(
            Problems.child(path, "outcome"),
            "'" + outcome + "' is not an outcome; use won or lost, or leave it out");
      }
      if (problems.count() != before || key == null || label == null) {
        ok = false;
        continue;
      }
      stages.add(new Stage(key, label, outcome));
    }
    if (!ok) {
      return null;
    }
    int before = problems.count();
    if (stages.stream().allMatch(Stage::isTerminal)) {
      problems.add("/stages", "needs at least one non-terminal stage (one without an outcome)");
    } else if (stages.get(0).isTerminal()) {
      problems.add("/stages/0", "the first stage is where leads start, so it must not be terminal");
    }
    for (String outcome : List.of("won", "lost")) {
      if (stages.stream().noneMatch(s -> outcome.equals(s.outcome()))) {
        problems.add("/stages", "needs a terminal stage with outcome " + outcome);
      }
    }
    return problems.count() == before ? stages : null;
  }
}
