/** Extension points for AI assist: how the intent of an inbound message is found. */
@NullMarked
package ai.omniflow.assist.spi;

import org.jspecify.annotations.NullMarked;
