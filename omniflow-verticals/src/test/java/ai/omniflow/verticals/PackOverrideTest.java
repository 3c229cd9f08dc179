package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.RoutingRule;
import ai.omniflow.scoring.ScoringRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overrides: a host's patch over a pack, merged by key and validated as a whole pack. */
@DisplayName("Pack overrides")
class PackOverrideTest {
  private static final ClasspathPackSource SHIPPED = ClasspathPackSource.shipped();
  private static final VerticalPack REAL_ESTATE =
      SHIPPED.packs().stream()
          .filter(p -> p.slug().equals("real-estate"))
          .findFirst()
          .orElseThrow();

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static String head() {
    return "base: real-estate\nbase_version: "
        + REAL_ESTATE.version()
        + "\nslug: acme-homes\nversion: 1.0.0\n";
  }

  private VerticalPack only(DirectoryPackSource source) {
    assertThat(source.packs()).hasSize(1);
    return source.packs().get(0);
  }

  private PackValidationException refused() {
    return catchThrowableOfType(
        PackValidationException.class, () -> DirectoryPackSource.of(dir, SHIPPED));
  }

  @Nested
  @DisplayName("merged over their base")
  class Merging {
    @Test
    void aStageLabelARuleWeightAndATemplateChangeAndTheRestIsTheBasePack() throws IOException {
      write(
          "acme.yaml",
          head()
              + """
              stages:
                - {key: qualified, label: Pre-qualified}
              scoring:
                rules:
                  - {key: pre_approved, points: 25}
              reply_templates:
                pricing_question: "Hi {contact_first_name}, {agent_name} will send the details."
              """);

      VerticalPack acme = only(DirectoryPackSource.of(dir, SHIPPED));

      assertThat(acme.slug()).isEqualTo("acme-homes");
      assertThat(acme.version()).isEqualTo("1.0.0");
      assertThat(acme.name()).isEqualTo(REAL_ESTATE.name());
      assertThat(acme.stages())
          .extracting(VerticalPack.Stage::key)
          .containsExactlyElementsOf(
              REAL_ESTATE.stages().stream().map(VerticalPack.Stage::key).toList());
      assertThat(acme.stages().get(2).label()).isEqualTo("Pre-qualified");
      ScoringRule preApproved =
          acme.scoring().rules().stream()
              .filter(r -> r.key().equals("pre_approved"))
              .findFirst()
              .orElseThrow();
      assertThat(preApproved.points()).isEqualTo(25);
      // Only the points changed: the rule keeps its group and condition.
      ScoringRule before =
          REAL_ESTATE.scoring().rules().stream()
              .filter(r -> r.key().equals("pre_approved"))
              .findFirst()
              .orElseThrow();
      assertThat(preApproved.when()).isEqualTo(before.when());
      assertThat(acme.scoring().rules()).hasSameSizeAs(REAL_ESTATE.scoring().rules());
      assertThat(acme.replyTemplates().get("pricing_question"))
          .isEqualTo("Hi {contact_first_name}, {agent_name} will send the details.");
      assertThat(acme.replyTemplates().get("showing_request"))
          .isEqualTo(REAL_ESTATE.replyTemplates().get("showing_request"));
      assertThat(acme.intents()).isEqualTo(REAL_ESTATE.intents());
      assertThat(acme.nurture()).isEqualTo(REAL_ESTATE.nurture());
    }

    @Test
    void itemsAreAddedAtTheEndOrBeforeAnotherAndRemovedByKey() throws IOException {
      write(
          "acme.yml",
          head()
              + """
              stages:
                - {key: nurturing, label: Nurturing, before: qualified}
              routing:
                rules:
                  - key: service_area
                    when: {field: zip, op: starts_with, value: '941'}
                    group: city
                    before: luxury
                  - {key: spanish_speaking, remove: true}
              scoring:
                rules:
                  - {key: just_browsing, remove: true}
                  - key: budget_luxury
                    when: {field: budget, op: gte, value: 2000000}
              """);

      VerticalPack acme = only(DirectoryPackSource.of(dir, SHIPPED));

      assertThat(acme.stages())
          .extracting(VerticalPack.Stage::key)
          .containsExactly(
              "new", "contacted", "nurturing", "qualified", "appointment", "won", "lost");
      assertThat(acme.routing().rules())
          .extracting(RoutingRule::key)
          .containsExactly("service_area", "luxury", "hot_lead");
      assertThat(acme.scoring().rules())
          .extracting(ScoringRule::key)
          .doesNotContain("just_browsing")
          .hasSize(REAL_ESTATE.scoring().rules().size() - 1);
      // A condition is replaced whole, not merged key by key.
      assertThat(acme.scoring().rules().get(0).key()).isEqualTo("budget_luxury");
      assertThat(acme.scoring().rules().get(0).when())
          .isNotEqualTo(REAL_ESTATE.scoring().rules().get(0).when());
      assertThat(acme.scoring().rules().get(0).points())
          .isEqualTo(REAL_ESTATE.scoring().rules().get(0).points());
    }

    @Test
    void theOverrideTheDocsShowLoadsOverTheShippedPack() throws IOException {
      Files.copy(
          getClass().getResourceAsStream("/packs/overrides/acme-homes.yaml"),
          dir.resolve("acme-homes.yaml"));

      VerticalPack acme = only(DirectoryPackSource.of(dir, SHIPPED));

      assertThat(acme.name()).isEqualTo("Acme Homes");
      assertThat(acme.stages())
          .extracting(VerticalPack.Stage::label)
          .containsSubsequence("Nurturing", "Pre-qualified");
      assertThat(acme.routing().rules().get(0).key()).isEqualTo("service_area");
      assertThat(acme.replyTemplates()).doesNotContainKey("spam");
    }

    @Test
    void nullRemovesAKeyOfAMapping() throws IOException {
      write("acme.yaml", head() + "reply_templates:\n  spam: null\n");

      VerticalPack acme = only(DirectoryPackSource.of(dir, SHIPPED));

      assertThat(acme.replyTemplates()).doesNotContainKey("spam").containsKey("opt_out");
    }

    @Test
    void anOverrideMayBuildOnAPackOfItsOwnFolderAndCombinesWithTheShippedPacks()
        throws IOException {
      Files.copy(
          getClass().getResourceAsStream("/packs/valid/dentist.yaml"), dir.resolve("a.yaml"));
      write(
          "b.yaml",
          "base: dentist\nbase_version: 0.3.1\nslug: smile-dental\nversion: 2.0.0\n"
              + "name: Smile Dental\n");

      PackSourceCheck combined =
          new PackSourceCheck(CombinedPackSource.of(SHIPPED, DirectoryPackSource.of(dir)));

      assertThat(combined.slugs()).contains("real-estate", "dentist", "smile-dental");
      assertThat(combined.find("smile-dental").name()).isEqualTo("Smile Dental");
      assertThat(combined.find("smile-dental").stages())
          .isEqualTo(combined.find("dentist").stages());
    }
  }

  /** A pack source's packs by slug. */
  private record PackSourceCheck(ai.omniflow.pack.spi.PackSource source) {
    java.util.List<String> slugs() {
      return source.packs().stream().map(VerticalPack::slug).toList();
    }

    VerticalPack find(String slug) {
      return source.packs().stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
    }
  }

  @Nested
  @DisplayName("refused with the path in the override")
  class Refused {
    @Test
    void anUnknownKeyOfAnItemIsNamedAtItsPlaceInTheOverride() throws IOException {
      Path file =
          write(
              "acme.yaml",
              head()
                  + """
                  stages:
                    - {key: qualified, lable: Pre-qualified}
                  """);

      assertThat(refused().problems())
          .containsExactly(
              file
                  + ": /stages/0/lable : unknown key 'lable' (did you mean 'label'?); known keys"
                  + " here: key, label, outcome");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedAtItsPlaceInTheOverride() throws IOException {
      Path file =
          write(
              "acme.yaml",
              head()
                  + """
                  scoring:
                    rules:
                      - {key: pre_approved, points: lots}
                  """);

      assertThat(refused().problems()).hasSize(1);
      assertThat(refused().problems().get(0)).startsWith(file + ": /scoring/rules/0/points : ");
    }

    @Test
    void anUnknownTopLevelKeyIsRefusedAsInAPackFile() throws IOException {
      Path file = write("acme.yaml", head() + "stagez: []\n");

      assertThat(refused().problems())
          .singleElement()
          .asString()
          .startsWith(file + ": /stagez : unknown key 'stagez' (did you mean 'stages'?)");
    }

    @Test
    void aProblemTheOverrideCausesInTheBaseIsNamedAtItsPlaceInTheBase() throws IOException {
      Path file = write("acme.yaml", head() + "intents:\n  - {key: spam, remove: true}\n");

      // The base's template, next action and rule for spam now name no intent.
      assertThat(refused().problems())
          .isNotEmpty()
          .allMatch(p -> p.startsWith(file + ": "))
          .anyMatch(
              p ->
                  p.startsWith(file + ": /reply_templates/spam : no intent has the key 'spam'")
                      && p.endsWith(
                          "(in the base pack real-estate "
                              + REAL_ESTATE.version()
                              + ", as this override leaves it)"));
    }

    @Test
    void theOverrideMustNameItsBaseVersionASlugAndAVersionOfItsOwn() throws IOException {
      Path file = write("acme.yaml", "base: real-estate\nslug: real-estate\n");

      assertThat(refused().problems())
          .containsExactly(
              file
                  + ": /base_version : is required: the version of 'real-estate' this override"
                  + " was written for ("
                  + REAL_ESTATE.version()
                  + " now)",
              file
                  + ": /slug : must differ from the base's slug 'real-estate': an override is a"
                  + " pack of its own, which an org selects",
              file + ": /version : is required: raise it whenever this override changes");
    }

    @Test
    void anOverrideWrittenForAnotherVersionOfItsBaseIsRefusedUntilReviewed() throws IOException {
      Path file =
          write(
              "acme.yaml",
              "base: real-estate\nbase_version: 1.4.0\nslug: acme-homes\nversion: 1.0.0\n");

      assertThat(refused().problems())
          .containsExactly(
              file
                  + ": /base_version : 'real-estate' is at version "
                  + REAL_ESTATE.version()
                  + ", not 1.4.0: see what changed (scripts/validate-pack --diff OLD NEW), then"
                  + " write "
                  + REAL_ESTATE.version()
                  + " here and raise this override's version");
    }

    @Test
    void anUnknownBaseAndMisnamedItemsAreRefused() throws IOException {
      Path unknown =
          write("a.yaml", "base: real-state\nbase_version: 1.0.0\nslug: x\nversion: 1.0.0\n");
      Path items =
          write(
              "b.yaml",
              head()
                  + """
                  stages:
                    - {label: No key}
                    - {key: ghost, remove: true}
                    - {key: won, before: nowhere}
                    - {key: won, label: Sold}
                  """);

      assertThat(refused().problems())
          .containsExactly(
              unknown
                  + ": /base : no pack has the slug 'real-state'; an override builds on one of:"
                  + " generic, real-estate, home-services, med-spa",
              items
                  + ": /stages/0/key : is required: each item of an override names, by its key,"
                  + " the item it adds, changes or removes",
              items
                  + ": /stages/1/key : the base pack has no item 'ghost' here to remove; keys"
                  + " here: new, contacted, qualified, appointment, won, lost",
              items
                  + ": /stages/2/before : must be the key of another item of the list to put this"
                  + " one before; keys here: new, contacted, qualified, appointment, won, lost",
              items + ": /stages/3/key : the key 'won' is given twice in this list");
    }

    @Test
    void anOverrideWithoutItsBaseSourceIsRefusedAndWritesNoPack() throws IOException {
      Path file = write("acme.yaml", head());

      PackValidationException e =
          catchThrowableOfType(PackValidationException.class, () -> DirectoryPackSource.of(dir));

      assertThat(e.problems())
          .containsExactly(
              file
                  + ": /base : no pack has the slug 'real-estate'; an override builds on a pack of"
                  + " its folder or of the bases given (DirectoryPackSource.of(dir,"
                  + " ClasspathPackSource.shipped()) for the shipped packs)");
    }

    @Test
    void validatePackChecksAnOverrideOverTheShippedPackWithLinesInTheOverride() throws IOException {
      Path file =
          write(
              "acme.yaml",
              head()
                  + """
                  stages:
                    - {key: qualified, lable: Pre-qualified}
                  """);

      assertThat(PackFileValidator.validate(file.toString(), Files.readAllBytes(file)))
          .extracting(PackFileProblem::line, PackFileProblem::path)
          .containsExactly(tuple(6, "/stages/0/lable"));
      assertThat(
              PackFileValidator.validate(
                  "ok.yaml",
                  getClass()
                      .getResourceAsStream("/packs/overrides/acme-homes.yaml")
                      .readAllBytes()))
          .isEmpty();
    }

    @Test
    void aClasspathSourceRefusesAnOverrideFile() {
      PackValidationException e =
          catchThrowableOfType(
              PackValidationException.class,
              () ->
                  ClasspathPackSource.of(
                      getClass().getClassLoader(), "packs/overrides/acme-homes.yaml"));

      assertThat(e.problems())
          .containsExactly(
              "packs/overrides/acme-homes.yaml: /base : this file is an override of another pack;"
                  + " this source reads whole packs only (overrides are read by"
                  + " DirectoryPackSource)");
    }
  }
}
