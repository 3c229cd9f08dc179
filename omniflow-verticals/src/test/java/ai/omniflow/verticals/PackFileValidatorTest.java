package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PackFileValidator} and the command behind {@code scripts/validate-pack}. */
class PackFileValidatorTest {
  private static final String VALID =
      """
      schema_version: 1
      slug: dentist
      name: Dental clinic
      version: 1.0.0
      description: For dental clinics.
      lead_fields: []
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

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ValidatePack.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  @Test
  @DisplayName("a valid pack file prints nothing and exits 0")
  void aValidFileExitsZero() throws IOException {
    Run run = run(write("dentist.yaml", VALID));
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
  }

  @Test
  @DisplayName("each problem is printed as file:line: path: message and the exit code is 1")
  void problemsArePrintedWithFileLinePathAndMessage() throws IOException {
    String file =
        write(
            "dentist.yaml",
            VALID
                .replace("name: Dental clinic\n", "")
                .replace("    label: Booking request", "    lable: Booking request")
                .replace("version: 1.0.0", "version: 1.0")
                .replace("outcome: lost", "outcome: lose"));
    Run run = run(file);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            file + ":1: /name: is required",
            file + ":3: /version: must be text, but is a number (1.0)",
            file
                + ":9: /stages/2/outcome: 'lose' is not an outcome; use won or lost, or leave it"
                + " out",
            file + ":11: /intents/0/label: is required",
            file
                + ":12: /intents/0/lable: unknown key 'lable' (did you mean 'label'?); known keys"
                + " here: key, label, keywords, phrases, patterns, weight");
    assertThat(run.err()).isEqualTo("5 problems in 1 of 1 file" + System.lineSeparator());
  }

  @Test
  @DisplayName("a problem only the code sees, across sections, is placed on its line too")
  void aCrossSectionProblemHasItsLine() throws IOException {
    String file =
        write(
            "dentist.yaml",
            VALID + "  pricing_questoin: \"Hi {contact_first_name}, {agent_name} will reply.\"\n");
    Run run = run(file);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .singleElement()
        .asString()
        .startsWith(file + ":17: /reply_templates/pricing_questoin: no intent has the key");
  }

  @Test
  @DisplayName("what only the schema sees is reported by the schema, placed on its line")
  void aSchemaOnlyProblemIsReported() {
    // The loader stops at a step without a key; the schema also reads on to the bad channel.
    String yaml =
        VALID
            + """
            nurture:
              templates:
                hello: "Hi {contact_first_name}"
              playbooks:
                - key: p
                  name: P
                  steps:
                    - {send: {template: hello, channel: fax}}
            """;
    assertThat(PackFileValidator.validate("x.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
        .extracting(PackFileProblem::line, PackFileProblem::path, PackFileProblem::check)
        .containsExactly(
            tuple(24, "/nurture/playbooks/0/steps/0/key", PackFileProblem.Check.CODE),
            tuple(24, "/nurture/playbooks/0/steps/0/send/channel", PackFileProblem.Check.SCHEMA));
  }

  @Test
  @DisplayName("a JSON pack file is checked the same way, with its lines")
  void aJsonFileIsChecked() throws IOException {
    String json =
        """
        {
          "slug": "dentist",
          "name": "Dental clinic",
          "version": "1.0.0",
          "description": "For dental clinics.",
          "lead_fields": [],
          "stages": [
            {"key": "new", "label": "New"},
            {"key": "treated", "label": "Treated", "outcome": "won"},
            {"key": "lost", "label": "Lost", "outcome": "lost"}
          ],
          "intents": [{"key": "booking_request", "label": "Booking request", "keywords": ["book"]}],
          "reply_templates": {"booking_request": 7}
        }
        """;
    String file = write("dentist.json", json);
    Run run = run(file);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            file + ":13: /reply_templates/booking_request: must be text, but is a number (7)");
  }

  @Test
  @DisplayName("no file, or a file that cannot be read, exits 2")
  void usageAndUnreadableFilesExitTwo() {
    assertThat(run().code()).isEqualTo(2);
    Run missing = run(dir.resolve("missing.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("missing.yaml: cannot be read");
  }

  @Test
  @DisplayName("scripts/validate-pack runs the built classes and passes on the exit code")
  void theScriptRunsTheCommand() throws IOException, InterruptedException {
    Path script = Path.of("..", "scripts", "validate-pack").toAbsolutePath().normalize();
    String good = "src/main/resources/ai/omniflow/verticals/packs/real-estate.yaml";
    String bad = write("bad.yaml", VALID.replace("outcome: lost", "outcome: lose"));
    Process process =
        new ProcessBuilder("bash", script.toString(), good, bad).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isEqualTo(1);
    assertThat(output.lines())
        .containsExactly(
            bad
                + ":10: /stages/2/outcome: 'lose' is not an outcome; use won or lost, or leave it"
                + " out",
            "1 problem in 1 of 2 files");
  }
}
