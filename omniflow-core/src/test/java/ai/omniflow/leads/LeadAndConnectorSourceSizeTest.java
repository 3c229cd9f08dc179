package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 and decision 0033: the lead and connector facades and their use cases stay small. Every
 * main source file under {@code ai/omniflow/leads/} and {@code ai/omniflow/connectors/} whose name
 * ends in {@code Service.java}, or that sits in an {@code internal} package, has at most {@value
 * #MAX_LINES} lines. Reads the sources from the module's directory, where Maven runs the tests.
 */
@DisplayName("The lead and connector sources")
class LeadAndConnectorSourceSizeTest {
  static final int MAX_LINES = 400;

  private static final Path MAIN = Path.of("src", "main", "java", "ai", "omniflow");

  @Test
  @DisplayName("keep every facade and use-case class at 400 lines or fewer")
  void facadesAndUseCasesAreAtMost400Lines() throws IOException {
    List<Path> checked = new ArrayList<>();
    List<String> tooLong = new ArrayList<>();
    for (String area : List.of("leads", "connectors")) {
      try (Stream<Path> files = Files.walk(MAIN.resolve(area))) {
        for (Path f : files.filter(LeadAndConnectorSourceSizeTest::isChecked).toList()) {
          checked.add(f);
          long lines;
          try (Stream<String> l = Files.lines(f)) {
            lines = l.count();
          }
          if (lines > MAX_LINES) {
            tooLong.add(f + " has " + lines + " lines");
          }
        }
      }
    }
    assertThat(checked)
        .as("the rule sees both facades")
        .anyMatch(f -> f.endsWith("LeadService.java"))
        .anyMatch(f -> f.endsWith("ConnectorService.java"));
    assertThat(tooLong).as("files over " + MAX_LINES + " lines").isEmpty();
  }

  private static boolean isChecked(Path f) {
    String name = f.getFileName().toString();
    if (!Files.isRegularFile(f) || !name.endsWith(".java")) {
      return false;
    }
    boolean internal = f.getParent().getFileName().toString().equals("internal");
    return name.endsWith("Service.java") || internal;
  }
}
