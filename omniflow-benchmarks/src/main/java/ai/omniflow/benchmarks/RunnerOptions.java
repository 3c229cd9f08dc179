package ai.omniflow.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line options of the load runners: {@code --name value} pairs, read into a map by name
 * (without the dashes), in the order given; anything else is refused.
 */
final class RunnerOptions {
  private RunnerOptions() {}

  /** The options in {@code args}; a value that is not after a {@code --name} is refused. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }
}
