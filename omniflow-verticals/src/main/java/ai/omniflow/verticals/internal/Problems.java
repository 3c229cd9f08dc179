package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Collects the problems of one file, each as {@code <file>: <path> : <problem>}. Not thread-safe.
 */
final class Problems {
  private final String file;
  private final List<String> sink;
  private final Set<String> settled = new HashSet<>();
  private final @Nullable List<Problem> found;

  Problems(String file, List<String> sink) {
    this(file, sink, null);
  }

  /**
   * @param found if not null, also gets each problem as its path ({@code ""} for the whole file)
   *     and message
   */
  Problems(String file, List<String> sink, @Nullable List<Problem> found) {
    this.file = file;
    this.sink = sink;
    this.found = found;
  }

  /**
   * @param path a JSON-pointer-like path, e.g. {@code /intents/2/key}; empty for the whole file
   */
  void add(String path, String problem) {
    if (settled.contains(path)) {
      return;
    }
    sink.add(file + ": " + (path.isEmpty() ? "/" : path) + " : " + problem);
    if (found != null) {
      found.add(new Problem(path, problem));
    }
  }

  /** Adds a problem that says all there is to say about {@code path}: later ones are dropped. */
  void addFinal(String path, String problem) {
    add(path, problem);
    settled.add(path);
  }

  int count() {
    return sink.size();
  }

  /** {@code parent/child}, with {@code ~} and {@code /} escaped as JSON Pointer does. */
  static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
