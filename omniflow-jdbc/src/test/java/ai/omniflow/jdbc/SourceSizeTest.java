package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's rule for the stores: one class per repository, none over 500 lines, so that a reader
 * takes in a repository and its SQL at once. A repository that grows past it hands a concern to a
 * helper class beside it (as {@code JdbcInbox} does to {@code JdbcReceipts}, {@code
 * JdbcTouchpoints} and {@code JdbcDrafts}).
 */
@DisplayName("The JDBC store's source files")
class SourceSizeTest {
  @Test
  @DisplayName("are each at most 500 lines long")
  void noClassIsLongerThan500Lines() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    int files = 0;
    try (Stream<Path> walk = Files.walk(Path.of("src", "main", "java"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        if (lines > 500) {
          tooLong.put(file.toString(), lines);
        }
      }
    }
    assertThat(files).as("the JDBC store's Java files").isGreaterThan(10);
    assertThat(tooLong).as("classes over 500 lines (one class per repository)").isEmpty();
  }
}
