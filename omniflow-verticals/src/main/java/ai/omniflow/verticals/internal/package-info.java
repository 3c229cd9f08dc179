/** How pack files are read and validated. Not API: may change in any release. */
@NullMarked
package ai.omniflow.verticals.internal;

import org.jspecify.annotations.NullMarked;
