package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code lead_fields}: each field's key, label, type and (for a choice field)
 * options. Not thread-safe; one per file.
 */
final class LeadFieldReader {
  static final Set<String> FIELD_KEYS = orderedSet("key", "label", "type", "options");
  private static final String FIELD_TYPES = "text, number, money, date, boolean, choice";

  private final Problems problems;
  private final PackValues values;

  LeadFieldReader(PackValues values) {
    this.problems = values.problems();
    this.values = values;
  }

  /** The lead fields, or null with the problems noted. */
  @Nullable List<LeadField> read(ObjectNode pack) {
    List<@Nullable ObjectNode> items = values.list(pack, "", "lead_fields", true);
    if (items == null) {
      return null;
    }
    List<LeadField> fields = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = Problems.child("/lead_fields", i);
      ObjectNode item = items.get(i);
      if (item == null) {
        ok = false;
        continue;
      }
      int before = problems.count();
      values.knownKeys(item, path, FIELD_KEYS);
      String key = values.key(item, path, keys);
      String label = values.text(item, path, "label", true);
      String typeName = values.text(item, path, "type", true);
      FieldType type = null;
      if (typeName != null) {
        type = fieldType(typeName);
        if (type == null) {
          problems.add(
              Problems.child(path, "type"),
              "'" + typeName + "' is not a field type; use one of " + FIELD_TYPES);
        }
      }
      List<String> options = values.strings(item, path, "options", Words.ANY);
      if (type == FieldType.CHOICE && !item.has("options")) {
        problems.add(Problems.child(path, "options"), "a choice field needs options; none given");
      } else if (type == FieldType.CHOICE && options != null && options.isEmpty()) {
        problems.add(Problems.child(path, "options"), "a choice field needs at least one option");
      } else if (type != null && type != FieldType.CHOICE && item.has("options")) {
        problems.add(
            Problems.child(path, "options"),
            "only choice fields have options; this field's type is " + typeName);
      }
      if (problems.count() != before || key == null || label == null || type == null) {
        ok = false;
        continue;
      }
      fields.add(new LeadField(key, label, type, options == null ? List.of() : options));
    }
    return ok ? fields : null;
  }

  private static @Nullable FieldType fieldType(String name) {
    return Arrays.stream(FieldType.values())
        .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(name))
        .findFirst()
        .orElse(null);
  }
}
