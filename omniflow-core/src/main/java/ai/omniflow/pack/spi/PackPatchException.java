package ai.omniflow.pack.spi;

import ai.omniflow.fields.Problem;
import java.io.Serial;
import java.util.List;

/**
 * What a {@link PackPatcher} throws for a patch it refuses: every problem, each with its path in
 * the patch (a JSON pointer, {@code ""} for the patch as a whole) and a message that quotes no more
 * than {@link Problem#MAX_QUOTED} characters of the patch.
 *
 * <pre>{@code
 * catch (PackPatchException e) { e.problems().forEach(p -> print(p.path() + " " + p.message())); }
 * }</pre>
 */
public final class PackPatchException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** Not serialized: an exception of this kind does not cross a process. */
  private final transient List<Problem> problems;

  /**
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PackPatchException(List<Problem> problems) {
    super(problems.size() + " problems in the pack override");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused patch has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }
}
