/** Core's internals. Not API: may change in any release. */
@NullMarked
package ai.omniflow.internal;

import org.jspecify.annotations.NullMarked;
