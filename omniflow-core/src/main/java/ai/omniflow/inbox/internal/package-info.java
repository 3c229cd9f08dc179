/** The inbox's use cases behind {@link ai.omniflow.inbox.InboxService}; not API. */
@NullMarked
package ai.omniflow.inbox.internal;

import org.jspecify.annotations.NullMarked;
