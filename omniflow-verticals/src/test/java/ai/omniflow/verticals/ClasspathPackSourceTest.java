package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.omniflow.fields.FieldType;
import ai.omniflow.pack.VerticalPack;
import org.junit.jupiter.api.Test;

class ClasspathPackSourceTest {
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void readsTheGivenResourcesInOrder() {
    ClasspathPackSource source =
        ClasspathPackSource.of(
            loader,
            "packs/valid/dentist.yaml",
            ClasspathPackSource.SHIPPED_FOLDER + "generic.yaml");

    assertThat(source.packs()).extracting(VerticalPack::slug).containsExactly("dentist", "generic");
    VerticalPack dentist = source.packs().get(0);
    assertThat(dentist.version()).isEqualTo("0.3.1");
    assertThat(dentist.leadFields().get(0).type()).isEqualTo(FieldType.CHOICE);
    assertThat(dentist.leadFields().get(0).options())
        .containsExactly("Check-up", "Cleaning", "Whitening");
    assertThat(dentist.stages().get(2).outcome()).isEqualTo("won");
    assertThat(dentist.replyTemplates())
        .containsEntry("opt_out", "Understood. You won't hear from {org_name} again.");
  }

  @Test
  void intentPatternsWeightsAndNegationWordsAreRead() {
    VerticalPack clinic =
        ClasspathPackSource.of(loader, "packs/valid/clinic-intents.yaml").packs().get(0);

    assertThat(clinic.intents().get(0).patterns()).containsExactly("\\b\\d{1,2} ?(am|pm) works\\b");
    assertThat(clinic.intents().get(0).keywords()).isEmpty();
    assertThat(clinic.intents().get(0).weight()).isEqualTo(1.0);
    assertThat(clinic.intents().get(1).weight()).isEqualTo(0.5);
    assertThat(clinic.intents().get(2).weight()).isEqualTo(2.0);
    assertThat(clinic.intents().get(2).patterns()).containsExactly("^stop$");
    assertThat(clinic.negationWords()).containsExactly("not", "jamais");
  }

  @Test
  void aPackWithoutNegationWordsGetsTheDefaultOnes() {
    VerticalPack dentist =
        ClasspathPackSource.of(loader, "packs/valid/dentist.yaml").packs().get(0);

    assertThat(dentist.negationWords()).isEqualTo(VerticalPack.DEFAULT_NEGATION_WORDS);
    assertThat(dentist.intents()).allSatisfy(i -> assertThat(i.patterns()).isEmpty());
    assertThat(dentist.intents())
        .allSatisfy(i -> assertThat(i.weight()).isEqualTo(VerticalPack.Intent.DEFAULT_WEIGHT));
  }

  @Test
  void aLeadingSlashInAResourcePathIsIgnored() {
    assertThat(ClasspathPackSource.of(loader, "/packs/valid/dentist.yaml").packs())
        .extracting(VerticalPack::slug)
        .containsExactly("dentist");
  }

  @Test
  void noResourcesGiveNoPacks() {
    assertThat(ClasspathPackSource.of(loader).packs()).isEmpty();
  }

  @Test
  void aMissingResourceIsRefusedByName() {
    assertThatThrownBy(() -> ClasspathPackSource.of(loader, "packs/valid/nowhere.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no resource 'packs/valid/nowhere.yaml' on the classpath");
  }

  @Test
  void twoResourcesWithOneSlugAreRefusedNamingBothFiles() {
    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () ->
                ClasspathPackSource.of(
                    loader,
                    ClasspathPackSource.SHIPPED_FOLDER + "generic.yaml",
                    "packs/valid/another-generic.yaml"));

    assertThat(e.problems())
        .containsExactly(
            "packs/valid/another-generic.yaml: /slug : the slug 'generic' is already used by"
                + " ai/omniflow/verticals/packs/generic.yaml");
  }

  @Test
  void thePacksListCannotBeChanged() {
    ClasspathPackSource source = ClasspathPackSource.shipped();
    assertThatThrownBy(() -> source.packs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(source.packs()).hasSize(4);
  }

  @Test
  void saysWhichResourcesItRead() {
    assertThat(ClasspathPackSource.of(loader, "packs/valid/dentist.yaml"))
        .hasToString("ClasspathPackSource[packs/valid/dentist.yaml]");
  }
}
