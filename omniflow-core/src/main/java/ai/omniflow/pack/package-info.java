/**
 * Vertical packs: versioned data that fits OmniFlow to a trade. Core defines their shape ({@link
 * ai.omniflow.pack.VerticalPack}) and the {@link ai.omniflow.pack.PackCatalog} of loaded packs;
 * {@code omniflow-verticals} loads and validates the shipped ones through {@link
 * ai.omniflow.pack.spi.PackSource}.
 */
@NullMarked
package ai.omniflow.pack;

import org.jspecify.annotations.NullMarked;
