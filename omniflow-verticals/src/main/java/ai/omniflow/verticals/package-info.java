/**
 * Vertical packs as data: the shipped {@code generic} and {@code real-estate} packs and the pack
 * sources that load and validate them, from the classpath ({@link
 * ai.omniflow.verticals.ClasspathPackSource}), from a host's folder ({@link
 * ai.omniflow.verticals.DirectoryPackSource}) or from several sources at once ({@link
 * ai.omniflow.verticals.CombinedPackSource}). A pack that is wrong in any way is refused with a
 * {@link ai.omniflow.verticals.PackValidationException} listing every problem. The file format and
 * its rules are described in {@code docs/verticals.md}.
 */
@NullMarked
package ai.omniflow.verticals;

import org.jspecify.annotations.NullMarked;
