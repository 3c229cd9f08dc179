package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pack format's JSON Schema ({@value #RESOURCE}), checked with networknt's validator. The
 * schema covers the shape of each value; what relates values to each other stays in {@link
 * PackReader} (docs/decisions/0070). Thread-safe: the schema is loaded once.
 */
public final class PackSchema {
  /** The schema of {@code schema_version} 1, as a class-path resource. */
  public static final String RESOURCE = "ai/omniflow/verticals/pack-1.schema.json";

  private static final ObjectMapper JACKSON2 = new ObjectMapper();
  private static final JsonMapper JACKSON3 = JsonMapper.builder().build();

  private PackSchema() {}

  /** Loaded on first use, so a host that never validates against the schema never needs it. */
  private static final class Holder {
    static final Schema SCHEMA = load();
  }

  /**
   * The schema's problems with a pack file's tree (as {@link YamlTree} reads it), each with a JSON
   * Pointer path into the file ({@code ""} for the file as a whole).
   */
  public static List<Problem> problems(JsonNode tree) {
    tools.jackson.databind.JsonNode converted;
    try {
      converted = JACKSON3.readTree(JACKSON2.writeValueAsBytes(tree));
    } catch (JsonProcessingException e) {
      return List.of(new Problem("", "cannot be checked against the schema: " + e.getMessage()));
    }
    List<Problem> out = new ArrayList<>();
    for (Error error : Holder.SCHEMA.validate(converted)) {
      out.add(new Problem(path(error), error.getMessage()));
    }
    return out;
  }

  /**
   * The error's place: the value it is about. A missing or unknown key is reported by the library
   * at the mapping that holds it; it is given here at the key itself, as the loader gives it.
   */
  private static String path(Error error) {
    NodePath at = error.getInstanceLocation();
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < at.getNameCount(); i++) {
      path.append('/').append(escape(String.valueOf(at.getElement(i))));
    }
    String property = error.getProperty();
    String keyword = error.getKeyword();
    boolean atParent =
        at.getNameCount() == 0
            || !String.valueOf(at.getElement(at.getNameCount() - 1)).equals(property);
    if (property != null
        && atParent
        && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
      path.append('/').append(escape(property));
    }
    return path.toString();
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static Schema load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    try (InputStream in = PackSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing");
      }
      return registry.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }
}
