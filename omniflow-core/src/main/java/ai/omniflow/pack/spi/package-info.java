/**
 * Where vertical packs come from: the classpath loader in {@code omniflow-verticals}, or a host's
 * own.
 */
@NullMarked
package ai.omniflow.pack.spi;

import org.jspecify.annotations.NullMarked;
