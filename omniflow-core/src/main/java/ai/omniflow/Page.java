package ai.omniflow;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One slice of a list, with the request that made it and the total number of items.
 *
 * @param items the items of this slice, in the list's order
 * @param limit the limit asked for
 * @param offset the offset asked for
 * @param total how many items the whole list holds
 */
public record Page<T>(List<T> items, int limit, int offset, long total) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (total < 0) {
      throw new IllegalArgumentException("total must be 0 or more");
    }
  }

  /** A page of {@code items} answering {@code request}. */
  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.limit(), request.offset(), total);
  }

  /** Cuts a page out of a whole list that is already in order. */
  public static <T> Page<T> slice(List<T> all, PageRequest request) {
    int from = Math.min(request.offset(), all.size());
    int to = Math.min(all.size(), from + request.limit());
    return new Page<>(all.subList(from, to), request.limit(), request.offset(), all.size());
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), limit, offset, total);
  }
}
