package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PackDiff} and {@code scripts/validate-pack --diff}: what a new pack version changes. */
@DisplayName("Pack upgrade diffs")
class PackDiffTest {
  @TempDir Path dir;

  private static String shippedRealEstate() throws IOException {
    try (InputStream in =
        PackDiffTest.class.getResourceAsStream(
            "/" + ClasspathPackSource.SHIPPED_FOLDER + "real-estate.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The shipped real-estate pack as a next version might change it. */
  private static String nextVersion(String old) {
    String next =
        old.replaceFirst("(?m)^version: .*$", "version: 9.0.0")
            .replace(
                "  - key: qualified\n    label: Qualified\n",
                "  - key: nurturing\n    label: Nurturing\n"
                    + "  - key: qualified\n    label: Pre-qualified\n")
            .replace(
                "    - key: pre_approved\n      group: fit\n      points: 15\n",
                "    - key: pre_approved\n      group: fit\n      points: 25\n")
            .replace("  spam: ignore\n", "  spam: handoff\n");
    assertThat(next).isNotEqualTo(old);
    return next;
  }

  private static String version(String pack) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^version: (.*)$").matcher(pack);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String diff(String a, String b) {
    return String.join(
        "\n",
        PackDiff.between(
                "old.yaml",
                a.getBytes(StandardCharsets.UTF_8),
                "new.yaml",
                b.getBytes(StandardCharsets.UTF_8))
            .stream()
            .map(PackDiff.Change::toString)
            .toList());
  }

  @Test
  void aNewVersionShowsItsAddedAndChangedStagesRulesAndActionsByKey() throws IOException {
    String old = shippedRealEstate();

    String changes = diff(old, nextVersion(old));

    assertThat(changes.lines())
        .containsExactly(
            "~ /version: " + version(old) + " -> 9.0.0",
            "~ /stages[qualified]/label: Qualified -> Pre-qualified",
            "+ /stages[nurturing]: {\"key\":\"nurturing\",\"label\":\"Nurturing\"}",
            "~ /next_actions/spam: ignore -> handoff",
            "~ /scoring/rules[pre_approved]/points: 15 -> 25");
  }

  @Test
  void theSamePackChangesNothingAndARemovedItemIsShownWithItsValue() throws IOException {
    String old = shippedRealEstate();
    String fewer =
        old.replace(
            "    - key: hot_lead\n      when: { field: score, op: gte, value: 70 }\n      group: hot\n",
            "");
    assertThat(fewer).isNotEqualTo(old);

    assertThat(diff(old, old)).isEmpty();
    assertThat(diff(old, fewer))
        .isEqualTo(
            "- /routing/rules[hot_lead]: {\"key\":\"hot_lead\",\"when\":{\"field\":\"score\","
                + "\"op\":\"gte\",\"value\":70},\"group\":\"hot\"}");
  }

  @Test
  void anInvalidFileIsRefusedWithItsProblemsAndNothingIsCompared() {
    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () ->
                PackDiff.between(
                    "old.yaml",
                    "slug: x\n".getBytes(StandardCharsets.UTF_8),
                    "new.yaml",
                    "slug: x\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(e.problems()).isNotEmpty().anyMatch(p -> p.startsWith("old.yaml: /name : "));
    assertThat(e.problems()).anyMatch(p -> p.startsWith("new.yaml: /name : "));
  }

  @Test
  void theCommandPrintsOneChangeALineAndCountsThem() throws IOException {
    String old = shippedRealEstate();
    Path a = dir.resolve("real-estate-old.yaml");
    Path b = dir.resolve("real-estate-new.yml");
    Files.writeString(a, old);
    Files.writeString(b, nextVersion(old));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        ValidatePack.run(
            new String[] {"--diff", a.toString(), b.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .hasSize(5)
        .contains("~ /scoring/rules[pre_approved]/points: 15 -> 25");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("5 changes from " + a + " to " + b + "\n");
  }

  @Test
  void theCommandWithAMissingFileExitsTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        ValidatePack.run(
            new String[] {"--diff", dir.resolve("nope.yaml").toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: validate-pack --diff");
  }
}
