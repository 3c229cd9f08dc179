package ai.omniflow.scoring;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fields rules may read, each at a fixed index: the pack's lead fields, then built-ins. */
final class FieldLayout {
  static final String SOURCE_CHANNEL = "source_channel";
  static final String LAST_INTENT = "last_intent";
  static final String INBOUND_COUNT = "inbound_count";
  static final String SCORE = "score";
  static final String LANGUAGE = "language";

  enum Kind {
    NUMBER,
    DATE,
    BOOLEAN,
    TEXT
  }

  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> keys = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final List<List<String>> options = new ArrayList<>();

  FieldLayout(List<LeadField> fields) {
    for (LeadField f : fields) {
      add(f.key(), kind(f.type()), f.type() == FieldType.CHOICE ? f.options() : List.of());
    }
    add(SOURCE_CHANNEL, Kind.TEXT, List.of());
    add(LAST_INTENT, Kind.TEXT, List.of());
    add(INBOUND_COUNT, Kind.NUMBER, List.of());
    add(SCORE, Kind.NUMBER, List.of());
    add(LANGUAGE, Kind.TEXT, List.of());
  }

  private void add(String key, Kind kind, List<String> opts) {
    if (index.putIfAbsent(key, keys.size()) == null) {
      keys.add(key);
      kinds.add(kind);
      options.add(opts);
    }
  }

  private static Kind kind(FieldType t) {
    return switch (t) {
      case NUMBER, MONEY -> Kind.NUMBER;
      case DATE -> Kind.DATE;
      case BOOLEAN -> Kind.BOOLEAN;
      case TEXT, CHOICE -> Kind.TEXT;
    };
  }

  int index(String key) {
    Integer i = index.get(key);
    return i == null ? -1 : i;
  }

  int size() {
    return keys.size();
  }

  String key(int i) {
    return keys.get(i);
  }

  Kind kind(int i) {
    return kinds.get(i);
  }

  List<String> options(int i) {
    return options.get(i);
  }

  List<String> keys() {
    return List.copyOf(keys);
  }
}
