/** The JDBC store's internals. Not API: may change in any release. */
@NullMarked
package ai.omniflow.jdbc.internal;

import org.jspecify.annotations.NullMarked;
