package ai.omniflow.pack.spi;

import ai.omniflow.InputError;
import ai.omniflow.fields.Problem;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link PackPatcher} throws for a patch it refuses: every problem, each with its path in
 * the patch (a JSON pointer, {@code ""} for the patch as a whole), the line it is on where the
 * patcher knows it, and a message that quotes no more than {@link Problem#MAX_QUOTED} characters of
 * the patch.
 *
 * <pre>{@code
 * catch (PackPatchException e) { e.problems().forEach(p -> print(p.path() + " " + p.message())); }
 * }</pre>
 */
public final class PackPatchException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** Not serialized: an exception of this kind does not cross a process. */
  private final transient List<Problem> problems;

  private final transient List<Integer> lines;

  /**
   * Problems whose lines are not known.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PackPatchException(List<Problem> problems) {
    this(problems, problems.stream().map(p -> 0).toList());
  }

  /**
   * @param lines the line (from 1) of each problem in the patch, in the same order; 0 for one that
   *     is on no line of it (the patch as a whole, or the base pack)
   * @throws IllegalArgumentException if {@code problems} is empty, the lists differ in size, or a
   *     line is negative
   */
  public PackPatchException(List<Problem> problems, List<Integer> lines) {
    super(problems.size() + " problems in the pack override");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused patch has at least one problem");
    }
    if (lines.size() != problems.size() || lines.stream().anyMatch(l -> l < 0)) {
      throw new IllegalArgumentException("one line (0 or more) per problem");
    }
    this.problems = List.copyOf(problems);
    this.lines = List.copyOf(lines);
  }

  /** Each problem with its line, as a refusal lists it. */
  public List<InputError> errors() {
    List<InputError> errors = new ArrayList<>(problems.size());
    for (int i = 0; i < problems.size(); i++) {
      Problem p = problems.get(i);
      errors.add(new InputError(p.path(), lines.get(i), p.message()));
    }
    return errors;
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }
}
