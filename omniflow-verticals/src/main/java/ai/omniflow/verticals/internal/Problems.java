package ai.omniflow.verticals.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one file, each as {@code <file>: <path> : <problem>}. Not thread-safe.
 */
final class Problems {
  private final String file;
  private final List<String> sink;
  private final Set<String> settled = new HashSet<>();

  Problems(String file, List<String> sink) {
    this.file = file;
    this.sink = sink;
  }

  /**
   * @param path a JSON-pointer-like path, e.g. {@code /intents/2/key}; empty for the whole file
   */
  void add(String path, String problem) {
    if (settled.contains(path)) {
      return;
    }
    sink.add(file + ": " + (path.isEmpty() ? "/" : path) + " : " + problem);
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
