package ai.omniflow.examples.server;

import java.util.List;

/** The server's settings are wrong; {@link #problems()} names every setting at fault. */
public final class InvalidSettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super(
        "The reference server's settings have "
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + ":\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
