package ai.omniflow.verticals;

import java.util.List;

/**
 * Thrown when vertical pack files are wrong: every problem found in every file read, each as {@code
 * <file>: <path> : <problem>}, where the path points into the file the way a JSON Pointer does
 * ({@code /intents/2/key}; {@code /} for the file as a whole).
 *
 * <pre>{@code
 * try {
 *   DirectoryPackSource.of(Path.of("packs"));
 * } catch (PackValidationException e) {
 *   e.problems().forEach(log::error);
 *   // packs/dentist.yaml: /lead_fields/0/lable : unknown key 'lable' (did you mean 'label'?); ...
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class PackValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Serializable, unlike {@code List.copyOf}'s result in every JDK. */
  private final String[] problems;

  PackValidationException(List<String> problems) {
    super(message(problems));
    this.problems = problems.toArray(new String[0]);
  }

  /** Every problem, each as {@code <file>: <path> : <problem>}, in the order found. */
  public List<String> problems() {
    return List.of(problems);
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation exception needs a problem");
    }
    StringBuilder message =
        new StringBuilder()
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append(" in vertical pack files:");
    for (String problem : problems) {
      message.append("\n  ").append(problem);
    }
    return message.toString();
  }
}
