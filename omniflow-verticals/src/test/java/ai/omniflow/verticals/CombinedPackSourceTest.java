package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CombinedPackSourceTest {
  @TempDir Path dir;

  private Path copy(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/packs/" + resource)) {
      Path target = dir.resolve(name);
      Files.copy(in, target);
      return target;
    }
  }

  @Test
  void offersThePacksOfEverySourceInOrder() throws IOException {
    copy("valid/dentist.yaml", "dentist.yaml");

    CombinedPackSource source =
        CombinedPackSource.of(ClasspathPackSource.shipped(), DirectoryPackSource.of(dir));

    assertThat(source.packs())
        .extracting(VerticalPack::slug)
        .containsExactly("generic", "real-estate", "home-services", "med-spa", "dentist");
  }

  @Test
  void aHostPackWithAShippedSlugIsRefusedNamingBothFiles() throws IOException {
    Path own = copy("valid/another-generic.yaml", "generic.yaml");

    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () ->
                CombinedPackSource.of(ClasspathPackSource.shipped(), DirectoryPackSource.of(dir)));

    assertThat(e.problems())
        .containsExactly(
            own
                + ": /slug : the slug 'generic' is already used by"
                + " ai/omniflow/verticals/packs/generic.yaml");
  }

  @Test
  void anotherKindOfSourceIsNamedByItsPlaceAndClass() {
    VerticalPack generic = ClasspathPackSource.shipped().packs().get(0);
    PackSource hostSource = new HostPackSource(List.of(generic));

    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () -> CombinedPackSource.of(ClasspathPackSource.shipped(), hostSource));

    assertThat(e.problems())
        .containsExactly(
            "source 2 (HostPackSource): /slug : the slug 'generic' is already used by"
                + " ai/omniflow/verticals/packs/generic.yaml");
  }

  private record HostPackSource(List<VerticalPack> packs) implements PackSource {}
}
