package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.omniflow.pack.VerticalPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryPackSourceTest {
  @TempDir Path dir;

  /** Copies a test resource into the folder under another name. */
  private Path copy(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/packs/" + resource)) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
      return target;
    }
  }

  @Test
  void readsEveryYamlFileInTheFolderInNameOrder() throws IOException {
    copy("valid/dentist.yaml", "b-dentist.yaml");
    copy("valid/another-generic.yaml", "a-generic.yaml");

    DirectoryPackSource source = DirectoryPackSource.of(dir);

    assertThat(source.packs()).extracting(VerticalPack::slug).containsExactly("generic", "dentist");
  }

  @Test
  void ignoresOtherFilesHiddenFilesAndSubFolders() throws IOException {
    copy("valid/dentist.yaml", "dentist.yaml");
    copy("invalid/malformed.yaml", "notes.txt");
    copy("invalid/malformed.yaml", "dentist.yaml.bak");
    copy("invalid/malformed.yaml", ".hidden.yaml");
    copy("invalid/malformed.yaml", "old/dentist.yaml");

    assertThat(DirectoryPackSource.of(dir).packs())
        .extracting(VerticalPack::slug)
        .containsExactly("dentist");
  }

  @Test
  void aFolderWithoutPacksGivesNoPacks() {
    assertThat(DirectoryPackSource.of(dir).packs()).isEmpty();
  }

  @Test
  void readsTheFolderOnceWhenMade() throws IOException {
    DirectoryPackSource source = DirectoryPackSource.of(dir);
    copy("valid/dentist.yaml", "dentist.yaml");

    assertThat(source.packs()).isEmpty();
  }

  @Test
  void problemsNameTheFileByItsPathAndComeFromEveryBadFile() throws IOException {
    Path terminal = copy("invalid/stages-all-terminal.yaml", "terminal.yaml");
    copy("valid/dentist.yaml", "dentist.yaml");
    Path malformed = copy("invalid/malformed.yaml", "malformed.yaml");

    PackValidationException e =
        catchThrowableOfType(PackValidationException.class, () -> DirectoryPackSource.of(dir));

    assertThat(e.problems())
        .containsExactly(
            malformed
                + ": / : malformed YAML at line 7, column 1: expected ',' or ']', but got <scalar>"
                + " (while parsing a flow sequence that starts at line 5, column 14)",
            terminal
                + ": /stages : needs at least one non-terminal stage (one without an outcome)");
  }

  @Test
  void twoFilesWithOneSlugAreRefusedNamingBothFiles() throws IOException {
    Path original = copy("valid/dentist.yaml", "dentist.yaml");
    Path copied = copy("valid/dentist.yaml", "dentist-copy.yaml");

    PackValidationException e =
        catchThrowableOfType(PackValidationException.class, () -> DirectoryPackSource.of(dir));

    // dentist-copy.yaml sorts before dentist.yaml, so it is read first
    assertThat(e.problems())
        .containsExactly(original + ": /slug : the slug 'dentist' is already used by " + copied);
  }

  @Test
  void aPathThatIsNotAFolderIsRefused() throws IOException {
    Path file = copy("valid/dentist.yaml", "dentist.yaml");

    assertThatThrownBy(() -> DirectoryPackSource.of(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + file + "' is not a folder");
    assertThatThrownBy(() -> DirectoryPackSource.of(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
