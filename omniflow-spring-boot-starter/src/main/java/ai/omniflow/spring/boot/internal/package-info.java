/** The starter's internals. Not API: may change in any release. */
@NullMarked
package ai.omniflow.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
