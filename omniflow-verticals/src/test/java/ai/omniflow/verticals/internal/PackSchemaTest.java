package ai.omniflow.verticals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.omniflow.verticals.internal.PackFileCheck.Found;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pack format's JSON Schema: every pack file the project ships or tests as valid passes it, and
 * the usual mistakes are reported with the path and line of the value.
 */
class PackSchemaTest {
  private static final String VALID =
      """
      # yaml-language-server: $schema=pack-1.schema.json
      schema_version: 1
      slug: dentist
      name: Dental clinic
      version: 1.0.0
      description: For dental clinics.
      lead_fields:
        - key: treatment
          label: Treatment
          type: choice
          options: [Check-up, Cleaning]
      stages:
        - {key: new, label: New}
        - {key: treated, label: Treated, outcome: won}
        - {key: lost, label: Lost, outcome: lost}
      intents:
        - key: booking_request
          label: Booking request
          keywords: [appointment, book]
      reply_templates:
        booking_request: "Hi {contact_first_name}, pick a time: {booking_link}"
      """;

  private static byte[] resource(String path) {
    try (InputStream in = PackSchemaTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Found> schemaProblems(String yaml) {
    return PackFileCheck.schemaOnly(new PackFile("x.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("every shipped pack file and every valid test pack passes the schema")
  void everyShippedPackPassesTheSchema() {
    List<String> files = new ArrayList<>();
    for (String line :
        new String(resource("ai/omniflow/verticals/packs/index.txt"), StandardCharsets.UTF_8)
            .split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add("ai/omniflow/verticals/packs/" + line.strip());
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    files.addAll(
        List.of(
            "packs/valid/dentist.yaml",
            "packs/valid/another-generic.yaml",
            "packs/valid/clinic-intents.yaml"));
    for (String file : files) {
      PackFile pack = new PackFile(file, resource(file));
      assertThat(PackFileCheck.schemaOnly(pack)).as(file).isEmpty();
      assertThat(PackFileCheck.check(pack)).as(file).isEmpty();
    }
    assertThat(schemaProblems(VALID)).isEmpty();
  }

  @Test
  @DisplayName("the schema is itself a valid draft 2020-12 schema")
  void theSchemaIsAValidDraft202012Schema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta =
        registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    String schema = new String(resource(PackSchema.RESOURCE), StandardCharsets.UTF_8);
    assertThat(meta.validate(schema, InputFormat.JSON)).isEmpty();
  }

  @Test
  @DisplayName("a value of the wrong type is reported at its path and line")
  void aWrongTypeIsReportedAtItsPathAndLine() {
    assertThat(schemaProblems(VALID.replace("version: 1.0.0", "version: 1.0")))
        .containsExactly(new Found(5, "/version", "number found, string expected", true));
  }

  @Test
  @DisplayName("an unknown key is reported at the key, on its line")
  void anUnknownKeyIsReportedAtTheKey() {
    assertThat(schemaProblems(VALID.replace("    type: choice", "    tpye: choice")))
        .extracting(Found::line, Found::path)
        .containsExactlyInAnyOrder(
            tuple(8, "/lead_fields/0/type"), tuple(10, "/lead_fields/0/tpye"));
    assertThat(schemaProblems(VALID.replace("    type: choice", "    tpye: choice")))
        .filteredOn(f -> f.path().equals("/lead_fields/0/tpye"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("'tpye'", "additional properties"));
  }

  @Test
  @DisplayName("a missing required key is reported at the key, on the line of its mapping")
  void aMissingRequiredKeyIsReportedOnItsMappingsLine() {
    List<Found> found = schemaProblems(VALID.replace("    label: Booking request\n", ""));
    assertThat(found)
        .containsExactly(
            new Found(17, "/intents/0/label", "required property 'label' not found", true));
  }

  @Test
  @DisplayName("a value outside an enumeration is reported at its path and line")
  void aBadEnumValueIsReportedAtItsPathAndLine() {
    assertThat(schemaProblems(VALID.replace("outcome: lost", "outcome: lose")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(15);
              assertThat(f.path()).isEqualTo("/stages/2/outcome");
              assertThat(f.message()).contains("enumeration", "won", "lost");
            });
  }

  @Test
  @DisplayName("mistakes deep in scoring conditions and playbook steps are placed too")
  void nestedMistakesArePlaced() {
    String yaml =
        VALID
            + """
            scoring:
              engagement_half_life: one week
              rules:
                - key: r
                  group: fit
                  points: 5
                  when: {all: [{field: treatment, op: greater, value: 3}]}
            nurture:
              playbooks:
                - key: p
                  name: P
                  steps:
                    - {key: a, task: {kind: phone, title: Call}}
                    - {key: b, wait: P2D, stop: {}}
            """;
    assertThat(schemaProblems(yaml))
        .extracting(Found::line, Found::path)
        .containsExactly(
            tuple(23, "/scoring/engagement_half_life"),
            tuple(28, "/scoring/rules/0/when/all/0/op"),
            tuple(34, "/nurture/playbooks/0/steps/0/task/kind"),
            tuple(35, "/nurture/playbooks/0/steps/1"));
  }

  @Test
  @DisplayName("a schema version other than 1 is refused by the schema and the loader")
  void anotherSchemaVersionIsRefused() {
    String yaml = VALID.replace("schema_version: 1", "schema_version: 2");
    assertThat(schemaProblems(yaml))
        .singleElement()
        .satisfies(f -> assertThat(f.path()).isEqualTo("/schema_version"));
    assertThat(PackReader.problems(new PackFile("x.yaml", yaml.getBytes(StandardCharsets.UTF_8))))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "2 is not a schema version this loader reads; write 1 (or leave it out)"));
    String text = VALID.replace("schema_version: 1", "schema_version: '1'");
    assertThat(PackReader.problems(new PackFile("x.yaml", text.getBytes(StandardCharsets.UTF_8))))
        .singleElement()
        .satisfies(
            p -> assertThat(p.message()).isEqualTo("must be a whole number (1), but is text"));
  }
}
