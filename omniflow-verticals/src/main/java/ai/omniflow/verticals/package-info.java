/**
 * Vertical packs as data: the shipped {@code generic}, {@code real-estate}, {@code home-services}
 * and {@code med-spa} packs and the pack sources that load and validate them, from the classpath
 * ({@link ai.omniflow.verticals.ClasspathPackSource}), from a host's folder ({@link
 * ai.omniflow.verticals.DirectoryPackSource}) or from several sources at once ({@link
 * ai.omniflow.verticals.CombinedPackSource}). A pack that is wrong in any way is refused with a
 * {@link ai.omniflow.verticals.PackValidationException} listing every problem. The file format and
 * its rules are described in {@code docs/verticals.md}; its JSON Schema is the resource {@value
 * ai.omniflow.verticals.PackFileValidator#SCHEMA_RESOURCE}, and {@link
 * ai.omniflow.verticals.PackFileValidator} checks a file against it and the rules, line by line.
 */
@NullMarked
package ai.omniflow.verticals;

import org.jspecify.annotations.NullMarked;
