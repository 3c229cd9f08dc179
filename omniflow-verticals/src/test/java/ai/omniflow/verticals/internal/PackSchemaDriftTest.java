package ai.omniflow.verticals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.Operator;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.pack.PackValidator;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.LastResort;
import ai.omniflow.scoring.ScoringGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The schema and the loader cannot drift apart unnoticed: each mapping the schema describes has
 * exactly the keys the loader reads there, and its enumerations and bounds are the code's.
 */
class PackSchemaDriftTest {
  private static JsonNode schema;

  @BeforeAll
  static void readSchema() throws IOException {
    try (InputStream in =
        PackSchemaDriftTest.class.getClassLoader().getResourceAsStream(PackSchema.RESOURCE)) {
      schema = new ObjectMapper().readTree(in);
    }
  }

  private static Set<String> keysAt(String pointer) {
    JsonNode properties = schema.at(pointer);
    assertThat(properties.isObject()).as(pointer).isTrue();
    Set<String> keys = new LinkedHashSet<>();
    properties.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> enumAt(String pointer) {
    JsonNode values = schema.at(pointer);
    assertThat(values.isArray()).as(pointer).isTrue();
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> out.add(v.textValue()));
    return out;
  }

  private static <E extends Enum<E>> Set<String> lowerCase(E[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  @Test
  @DisplayName("each mapping in the schema has exactly the keys the loader reads there")
  void keysMatchTheLoader() {
    Set<String> stepKeys = new LinkedHashSet<>(List.of("key"));
    stepKeys.addAll(StepReader.STEP_KINDS);
    List<Object[]> pairs = new ArrayList<>();
    pairs.add(new Object[] {"/properties", PackReader.PACK_KEYS});
    pairs.add(new Object[] {"/$defs/leadField/properties", LeadFieldReader.FIELD_KEYS});
    pairs.add(new Object[] {"/$defs/stage/properties", StageReader.STAGE_KEYS});
    pairs.add(new Object[] {"/$defs/intent/properties", IntentReader.INTENT_KEYS});
    pairs.add(new Object[] {"/properties/scoring/properties", ScoringReader.SCORING_KEYS});
    pairs.add(new Object[] {"/$defs/cap/properties", ScoringReader.GROUP_KEYS});
    pairs.add(
        new Object[] {
          "/properties/scoring/properties/groups/properties", lowerCase(ScoringGroup.values())
        });
    pairs.add(new Object[] {"/$defs/scoringRule/properties", ScoringReader.RULE_KEYS});
    pairs.add(new Object[] {"/$defs/leaf/properties", ConditionReader.LEAF_KEYS});
    pairs.add(new Object[] {"/properties/routing/properties", RoutingReader.ROUTING_KEYS});
    pairs.add(new Object[] {"/$defs/routingRule/properties", RoutingReader.ROUTING_RULE_KEYS});
    pairs.add(new Object[] {"/properties/compliance/properties", ComplianceReader.COMPLIANCE_KEYS});
    pairs.add(
        new Object[] {
          "/properties/compliance/properties/keywords/properties", ComplianceReader.KEYWORD_KEYS
        });
    pairs.add(new Object[] {"/properties/nurture/properties", NurtureReader.NURTURE_KEYS});
    pairs.add(new Object[] {"/$defs/playbook/properties", NurtureReader.PLAYBOOK_KEYS});
    pairs.add(new Object[] {"/$defs/playbook/properties/fits/properties", NurtureReader.FIT_KEYS});
    pairs.add(new Object[] {"/$defs/step/properties", stepKeys});
    pairs.add(new Object[] {"/$defs/step/properties/send/properties", StepReader.SEND_KEYS});
    pairs.add(new Object[] {"/$defs/step/properties/branch/properties", StepReader.BRANCH_KEYS});
    pairs.add(new Object[] {"/$defs/step/properties/task/properties", StepReader.TASK_KEYS});
    for (Object[] pair : pairs) {
      String pointer = (String) pair[0];
      assertThat(keysAt(pointer)).as(pointer).isEqualTo(pair[1]);
      assertThat(
              schema
                  .at(pointer.substring(0, pointer.lastIndexOf('/')))
                  .path("additionalProperties")
                  .asBoolean(true))
          .as("%s refuses other keys", pointer)
          .isFalse();
    }
  }

  @Test
  @DisplayName("the schema's enumerations are the code's")
  void enumerationsMatchTheCode() {
    assertThat(enumAt("/$defs/leadField/properties/type/enum"))
        .isEqualTo(lowerCase(FieldType.values()));
    assertThat(enumAt("/$defs/leaf/properties/op/enum")).isEqualTo(lowerCase(Operator.values()));
    assertThat(enumAt("/$defs/scoringRule/properties/group/enum"))
        .isEqualTo(lowerCase(ScoringGroup.values()));
    assertThat(enumAt("/properties/routing/properties/last_resort/enum"))
        .isEqualTo(lowerCase(LastResort.values()));
    assertThat(enumAt("/properties/next_actions/additionalProperties/enum"))
        .isEqualTo(VerticalPack.NEXT_ACTIONS);
    assertThat(enumAt("/$defs/step/properties/send/properties/channel/enum"))
        .isEqualTo(
            PlaybookStep.SEND_CHANNELS.stream().map(Channel::id).collect(Collectors.toSet()));
    assertThat(enumAt("/$defs/playbook/properties/fits/properties/bands/items/enum"))
        .isEqualTo(ai.omniflow.nurture.Fit.BANDS);
    assertThat(enumAt("/$defs/step/properties/task/properties/kind/enum"))
        .isEqualTo(lowerCase(TaskKind.values()));
    String template = schema.at("/$defs/template/allOf/1/pattern").textValue();
    for (String slot : PackValidator.REPLY_SLOTS) {
      assertThat(template).contains(slot);
    }
    assertThat(template.split("\\|")).hasSize(PackValidator.REPLY_SLOTS.size());
  }

  @Test
  @DisplayName("the schema's bounds are the code's")
  void boundsMatchTheCode() {
    assertThat(schema.at("/$defs/intent/properties/weight/maximum").doubleValue())
        .isEqualTo(VerticalPack.Intent.MAX_WEIGHT);
    assertThat(schema.at("/$defs/keywordList/maxItems").intValue())
        .isEqualTo(VerticalPack.Compliance.MAX_KEYWORDS);
    assertThat(schema.at("/$defs/keywordList/items/allOf/1/maxLength").intValue())
        .isEqualTo(VerticalPack.Compliance.MAX_KEYWORD);
    assertThat(schema.at("/$defs/nurtureTemplates/maxProperties").intValue())
        .isEqualTo(Nurture.MAX_TEMPLATES);
    assertThat(
            schema.at("/$defs/nurtureTemplates/additionalProperties/allOf/1/maxLength").intValue())
        .isEqualTo(Nurture.MAX_TEMPLATE);
    assertThat(
            schema
                .at("/properties/nurture/properties/localized_templates/maxProperties")
                .intValue())
        .isEqualTo(Nurture.MAX_LANGUAGES);
    assertThat(schema.at("/properties/nurture/properties/playbooks/maxItems").intValue())
        .isEqualTo(Nurture.MAX_PLAYBOOKS);
    assertThat(schema.at("/$defs/playbook/properties/steps/maxItems").intValue())
        .isEqualTo(Playbook.MAX_STEPS);
    assertThat(schema.at("/$defs/playbook/properties/name/allOf/1/maxLength").intValue())
        .isEqualTo(Playbook.MAX_NAME);
    assertThat(schema.at("/$defs/playbook/properties/description/allOf/1/maxLength").intValue())
        .isEqualTo(Playbook.MAX_DESCRIPTION);
    assertThat(
            schema.at("/$defs/step/properties/task/properties/title/allOf/1/maxLength").intValue())
        .isEqualTo(PlaybookStep.MAX_TITLE);
    assertThat(schema.at("/$defs/step/properties/branch/properties/intents/maxItems").intValue())
        .isEqualTo(PlaybookStep.MAX_BRANCH_INTENTS);
    assertThat(schema.at("/properties/schema_version/const").intValue())
        .isEqualTo(PackReader.SCHEMA_VERSION);
  }
}
