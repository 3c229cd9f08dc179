package ai.omniflow.tasks;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of tasks, by due time then id, with the cursor of the next page.
 *
 * <pre>{@code
 * TaskPage page = omniFlow.tasks().list(actor, TaskQuery.all());
 * String next = page.next() == null ? null : page.next().wire();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the tasks of this page
 * @param next where the next page starts, or {@code null} if this page was not full
 */
public record TaskPage(List<Task> items, TaskQuery.@Nullable Cursor next) {
  public TaskPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }
}
