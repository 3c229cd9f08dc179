package ai.omniflow.verticals;

import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.PackFile;
import ai.omniflow.verticals.internal.PackFileCheck;
import ai.omniflow.verticals.internal.PackReader;
import ai.omniflow.verticals.internal.PackSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks one pack file as an editor or a build would: against the pack format's JSON Schema
 * ({@value #SCHEMA_RESOURCE}) and against the rules the loader applies in code, each problem with
 * the line it is on. What {@code scripts/validate-pack} runs.
 *
 * <pre>{@code
 * for (PackFileProblem p : PackFileValidator.validate("packs/dentist.yaml", bytes)) {
 *   System.out.println(p); // packs/dentist.yaml:12: /lead_fields/0/type: ...
 * }
 * }</pre>
 *
 * <p>Needs {@code com.networknt:json-schema-validator} on the class path, which this module
 * declares as optional: a host that only loads packs does not get it (docs/decisions/0070). The
 * pack sources do not run the schema; their checks are the code's, which cover all the schema does.
 * Stateless and thread-safe.
 */
public final class PackFileValidator {
  /** The class-path resource of the JSON Schema of {@link #SCHEMA_VERSION}. */
  public static final String SCHEMA_RESOURCE = PackSchema.RESOURCE;

  /** The pack format's version: a pack file's optional {@code schema_version}. */
  public static final int SCHEMA_VERSION = PackReader.SCHEMA_VERSION;

  private PackFileValidator() {}

  /**
   * Every problem of one pack file, ordered by line; empty if the loader would accept it. A value
   * both checks find wrong is reported once, with the loader's message. An override file (one with
   * a {@code base}) is merged over its base, one of the shipped packs, and the merged pack checked,
   * each problem at its path and line in the override.
   *
   * @param name the file's name, as problems should show it
   * @param content the file's bytes (UTF-8 YAML or JSON)
   */
  public static List<PackFileProblem> validate(String name, byte[] content) {
    return validate(name, content, Shipped.PACKS);
  }

  /**
   * As {@link #validate(String, byte[])}, an override building on a pack of {@code bases} (a {@link
   * ClasspathPackSource}, {@link DirectoryPackSource} or {@link CombinedPackSource} of them).
   */
  public static List<PackFileProblem> validate(String name, byte[] content, PackSource... bases) {
    List<LoadedPack> loaded = new ArrayList<>();
    for (int i = 0; i < bases.length; i++) {
      loaded.addAll(
          CombinedPackSource.loaded(Objects.requireNonNull(bases[i], "bases contains null"), i));
    }
    return validate(name, content, loaded);
  }

  static List<PackFileProblem> validate(String name, byte[] content, List<LoadedPack> bases) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    return PackFileCheck.check(new PackFile(name, content), bases).stream()
        .map(
            f ->
                new PackFileProblem(
                    name,
                    f.line(),
                    f.path().isEmpty() ? "/" : f.path(),
                    f.message(),
                    f.bySchema() ? PackFileProblem.Check.SCHEMA : PackFileProblem.Check.CODE))
        .toList();
  }

  /** The shipped packs, read when an override is first checked without bases of its own. */
  private static final class Shipped {
    static final ClasspathPackSource PACKS = ClasspathPackSource.shipped();

    private Shipped() {}
  }
}
