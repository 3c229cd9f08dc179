package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The codes the server's HTTP layer raises itself are constants, and its docs list every one. */
@DisplayName("The reference server's own error codes")
class ServerWireNamesDocumentedTest {
  @Test
  @DisplayName("are each listed in docs/reference-server.md, whole names only")
  void everyServerErrorIsDocumented() throws IOException, IllegalAccessException {
    String docs =
        Files.readString(
            Path.of("..", "..", "docs", "reference-server.md"), StandardCharsets.UTF_8);
    List<String> codes = new ArrayList<>();
    for (Field f : ServerErrors.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }
    assertThat(codes).as("the constants of ServerErrors").hasSizeGreaterThan(10);
    List<String> missing = new ArrayList<>();
    for (String code : codes) {
      Pattern p = Pattern.compile("(?<![a-z0-9_.])" + Pattern.quote(code) + "(?![a-z0-9_])");
      if (!p.matcher(docs).find()) {
        missing.add(code);
      }
    }
    assertThat(missing).as("codes missing from docs/reference-server.md").isEmpty();
  }

  @Test
  @DisplayName("are never written as literals in the server's sources")
  void noServerErrorIsALiteralElsewhere() throws IOException, IllegalAccessException {
    Path sources = Path.of("src", "main", "java", "ai", "omniflow", "examples", "server");
    List<String> literals = new ArrayList<>();
    for (Field f : ServerErrors.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        literals.add("\"" + f.get(null) + "\"");
      }
    }
    List<String> found = new ArrayList<>();
    try (var files = Files.list(sources)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (file.getFileName().toString().equals("ServerErrors.java")) {
          continue;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String literal : literals) {
          if (text.contains(literal)) {
            found.add(file.getFileName() + ": " + literal);
          }
        }
      }
    }
    assertThat(found).as("use the ServerErrors constant instead").isEmpty();
  }
}
