package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the areas whose services were split into use cases (decision 0033) split: no source file
 * under such an area, facade or use case, grows past {@value #MAX_LINES} lines. It reads core's
 * main sources from the module folder, where Maven runs the tests.
 */
@DisplayName("Core's source files")
class SourceSizeTest {
  /**
   * The areas (folders or files under {@code ai/omniflow} in core's main sources) whose services
   * are facades over use-case classes. Add an area here once its service is split. Of leads, only
   * the facade and its use cases: the lead field readers are text readers, not services.
   */
  static final List<String> SPLIT_AREAS =
      List.of(
          "inbox",
          "contacts",
          "connectors",
          "enrollment",
          "leads/LeadService.java",
          "leads/internal",
          "routing/RoutingService.java",
          "routing/internal",
          "sla/SlaService.java",
          "sla/internal",
          "webhooks");

  /** The most lines a file of a split area may have. */
  static final int MAX_LINES = 400;

  private static final Path SOURCES = Path.of("src", "main", "java", "ai", "omniflow");

  @Test
  @DisplayName("no file of an area split into use cases is longer than 400 lines")
  void splitAreasHoldNoLongFile() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    for (String area : SPLIT_AREAS) {
      Path folder = SOURCES.resolve(area);
      assertThat(folder).as("the sources of area %s", area).exists();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      assertThat(files).as("the Java files of area %s", area).isNotEmpty();
      for (Path file : files) {
        int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        if (lines > MAX_LINES) {
          tooLong.put(file.toString(), lines);
        }
      }
    }
    assertThat(tooLong)
        .as("files over %d lines (split the use case: decision 0033)", MAX_LINES)
        .isEmpty();
  }

  @Test
  @DisplayName("no service facade anywhere in core is longer than 400 lines")
  void noServiceFacadeIsLong() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    List<Path> services;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      services = walk.filter(p -> p.getFileName().toString().endsWith("Service.java")).toList();
    }
    assertThat(services).as("the service facades of core").hasSizeGreaterThan(5);
    for (Path file : services) {
      int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
      if (lines > MAX_LINES) {
        tooLong.put(file.toString(), lines);
      }
    }
    assertThat(tooLong)
        .as("service facades over %d lines (move use cases to .internal: decision 0033)", MAX_LINES)
        .isEmpty();
  }

  @Test
  @DisplayName("no class of the in-memory store is longer than 500 lines")
  void inMemoryStoreClassesAreShort() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(SOURCES.resolve("store"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        if (lines > 500) {
          tooLong.put(file.toString(), lines);
        }
      }
    }
    assertThat(tooLong).as("store classes over 500 lines (one class per repository)").isEmpty();
  }
}
