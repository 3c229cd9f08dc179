/** Internals of AI assist: text normalization and compiled intent definitions. Not API. */
@NullMarked
package ai.omniflow.assist.internal;

import org.jspecify.annotations.NullMarked;
