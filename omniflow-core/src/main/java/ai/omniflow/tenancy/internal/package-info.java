/** The org-settings use cases behind {@link ai.omniflow.tenancy.TenancyService}. Not API. */
@NullMarked
package ai.omniflow.tenancy.internal;

import org.jspecify.annotations.NullMarked;
