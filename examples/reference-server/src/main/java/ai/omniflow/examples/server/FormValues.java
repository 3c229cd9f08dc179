package ai.omniflow.examples.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The values of a repeated form field, in order, exactly as the browser sent them. Page controllers
 * read repeated fields (a row's cells, a multiple select) through this rather than binding them to
 * a {@code @RequestParam List<String>}, because Spring binds a single value to a list by splitting
 * it on commas: one shift whose day is {@code monday,friday} would become two days.
 *
 * <pre>{@code
 * List<String> days = FormValues.of(request, "day");
 * }</pre>
 *
 * <p>Stateless and thread-safe. The caller bounds the list and its values.
 */
final class FormValues {
  private FormValues() {}

  /** Every value of the field {@code name}, in the order sent; empty if it was not sent. */
  static List<String> of(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    return values == null ? List.of() : List.of(values);
  }
}
