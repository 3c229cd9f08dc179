package ai.omniflow.verticals.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a Jackson tree, reporting what a plain {@code readTree} would hide
 * or fail on without a place: a key given twice in one mapping (the first is kept), a second
 * document, an empty file, and malformed YAML with its line and column. Optionally notes the line
 * each value starts on (a mapping member's: the line of its key), by path.
 */
final class YamlTree {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonParser parser;
  private final Problems problems;
  private final @Nullable Map<String, Integer> lines;

  private YamlTree(JsonParser parser, Problems problems, @Nullable Map<String, Integer> lines) {
    this.parser = parser;
    this.problems = problems;
    this.lines = lines;
  }

  /** The document's tree, or {@code null} if there is none to validate (problems say why). */
  static @Nullable JsonNode read(byte[] content, Problems problems) {
    return read(content, problems, null);
  }

  /**
   * The document's tree, or {@code null} if there is none to validate (problems say why).
   *
   * @param lines if not null, gets the line (from 1) each value starts on, by path ({@code ""} for
   *     the document); a key given twice keeps its first line
   */
  static @Nullable JsonNode read(
      byte[] content, Problems problems, @Nullable Map<String, Integer> lines) {
    try (JsonParser parser = YAML.createParser(content)) {
      YamlTree tree = new YamlTree(parser, problems, lines);
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add("", "the file is empty; a pack file is one YAML mapping");
        return null;
      }
      tree.noteLine("", parser.currentTokenLocation());
      JsonNode root = tree.value(first, "");
      if (root.isNull() || (root.isTextual() && root.textValue().isBlank())) {
        problems.add("", "the file has no content; a pack file is one YAML mapping");
        return null;
      }
      if (parser.nextToken() != null) {
        problems.add(
            "",
            "a pack file holds one YAML document, but a second one has content at "
                + where(parser.currentTokenLocation()));
      }
      return root;
    } catch (JacksonException e) {
      problems.add("", "malformed YAML " + describe(e));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode value(JsonToken token, String path) throws IOException {
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Jackson gives an alias's name, not the anchored value: refuse rather than read it wrong.
      problems.addFinal(
          path,
          "the alias *"
              + parser.getText()
              + " is not supported in pack files; write the value out in full");
      return NODES.nullNode();
    }
    switch (token) {
      case START_OBJECT:
        return object(path);
      case START_ARRAY:
        return array(path);
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // e.g. a !!binary scalar: keep its text; the validator will find it is not what it wants
        return NODES.pojoNode(parser.getText());
    }
  }

  private ObjectNode object(String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      String childPath = Problems.child(path, name);
      noteLine(childPath, keyAt);
      JsonNode child = value(parser.nextToken(), childPath);
      if (object.has(name)) {
        problems.add(
            childPath,
            "the key '"
                + name
                + "' is given twice in this mapping (again at "
                + where(keyAt)
                + ")");
      } else {
        object.set(name, child);
      }
    }
    return object;
  }

  private ArrayNode array(String path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      String childPath = Problems.child(path, array.size());
      noteLine(childPath, parser.currentTokenLocation());
      array.add(value(t, childPath));
    }
    return array;
  }

  private void noteLine(String path, JsonLocation at) {
    if (lines != null && at.getLineNr() > 0) {
      lines.putIfAbsent(path, at.getLineNr());
    }
  }

  /** Where and what, from SnakeYAML's marks where it gives them, else from Jackson's. */
  private static String describe(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark at = marked.getProblemMark();
      String context = "";
      if (marked.getContext() != null && marked.getContextMark() != null) {
        Mark from = marked.getContextMark();
        context =
            " ("
                + marked.getContext()
                + " that starts at line "
                + (from.getLine() + 1)
                + ", column "
                + (from.getColumn() + 1)
                + ")";
      }
      return "at line "
          + (at.getLine() + 1)
          + ", column "
          + (at.getColumn() + 1)
          + ": "
          + firstLine(marked.getProblem())
          + context;
    }
    JsonLocation at = e.getLocation();
    return (at == null ? "" : "at " + where(at)) + ": " + firstLine(e.getOriginalMessage());
  }

  private static String where(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline).strip();
  }
}
