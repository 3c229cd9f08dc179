package ai.omniflow.pack;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A vertical pack: versioned data that fits OmniFlow to a trade. Later features read further
 * sections (scoring, routing, SLA defaults, nurture playbooks); the ones here are what every pack
 * has.
 *
 * @param slug url-safe id, e.g. {@code real-estate}
 * @param name display name
 * @param version semantic version of the pack's data, e.g. {@code 1.0.0}
 * @param description one or two sentences for people choosing a pack
 * @param leadFields the fields a lead has in this trade
 * @param stages the pipeline, in order
 * @param intents what inbound messages may want, in this trade's words
 * @param replyTemplates reply text per intent key, with {@code {slot}} placeholders
 */
public record VerticalPack(
    String slug,
    String name,
    String version,
    String description,
    List<LeadField> leadFields,
    List<Stage> stages,
    List<Intent> intents,
    Map<String, String> replyTemplates) {

  /**
   * @throws IllegalArgumentException if a value is malformed or keys repeat
   */
  public VerticalPack {
    if (slug == null || !slug.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("slug must be lower-case letters, digits and dashes");
    }
    Objects.requireNonNull(name, "name");
    if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("version must be MAJOR.MINOR.PATCH");
    }
    Objects.requireNonNull(description, "description");
    leadFields = List.copyOf(leadFields);
    stages = List.copyOf(stages);
    intents = List.copyOf(intents);
    replyTemplates = Map.copyOf(replyTemplates);
    unique("lead field", leadFields.stream().map(LeadField::key).toList());
    unique("stage", stages.stream().map(Stage::key).toList());
    unique("intent", intents.stream().map(Intent::key).toList());
  }

  private static void unique(String what, List<String> keys) {
    Set<String> seen = new HashSet<>();
    for (String k : keys) {
      if (!seen.add(k)) {
        throw new IllegalArgumentException(what + " key '" + k + "' appears twice");
      }
    }
  }

  /** A field a lead has in this trade, e.g. {@code budget}. */
  public record LeadField(String key, String label, FieldType type, List<String> options) {
    public LeadField {
      requireKey(key);
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
      options = List.copyOf(options);
      if (type == FieldType.CHOICE && options.isEmpty()) {
        throw new IllegalArgumentException("a choice field needs options");
      }
    }
  }

  /** The value type of a lead field. */
  public enum FieldType {
    TEXT,
    NUMBER,
    MONEY,
    DATE,
    BOOLEAN,
    CHOICE
  }

  /**
   * A step of the pipeline. A terminal stage ends the lead with an outcome.
   *
   * @param outcome {@code won} or {@code lost} for a terminal stage, else {@code null}
   */
  public record Stage(String key, String label, @org.jspecify.annotations.Nullable String outcome) {
    public Stage {
      requireKey(key);
      Objects.requireNonNull(label, "label");
      if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
        throw new IllegalArgumentException("outcome must be won or lost");
      }
    }

    public boolean isTerminal() {
      return outcome != null;
    }
  }

  /**
   * An intent in the pack's vocabulary, with the words that signal it.
   *
   * @param keywords single words that signal the intent
   * @param phrases multi-word phrases that signal it
   */
  public record Intent(String key, String label, List<String> keywords, List<String> phrases) {
    public Intent {
      requireKey(key);
      Objects.requireNonNull(label, "label");
      keywords = List.copyOf(keywords);
      phrases = List.copyOf(phrases);
    }
  }

  static void requireKey(String key) {
    if (key == null || !key.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "key must be lower-case snake_case, was " + (key == null ? "null" : "'" + key + "'"));
    }
  }
}
