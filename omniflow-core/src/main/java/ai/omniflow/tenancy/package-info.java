/**
 * Tenancy: orgs, users, memberships with a {@link ai.omniflow.tenancy.Role}, the one permission
 * matrix ({@link ai.omniflow.tenancy.Permission}), the {@link ai.omniflow.tenancy.Actor} every call
 * names, and authentication of actors by dev identity or API key.
 */
@NullMarked
package ai.omniflow.tenancy;

import org.jspecify.annotations.NullMarked;
