/**
 * OmniFlow's store over PostgreSQL: {@link ai.omniflow.jdbc.JdbcStore} runs each use case in one
 * transaction scoped to its org by row-level security, and {@link ai.omniflow.jdbc.OmniFlowSchema}
 * creates, grants and checks the schema it needs.
 *
 * <pre>{@code
 * OmniFlowSchema.ensureAppRole(adminDataSource, OmniFlowSchema.DEFAULT_APP_ROLE, appPassword);
 * OmniFlowSchema.migrate(ownerDataSource, OmniFlowSchema.DEFAULT_SCHEMA, OmniFlowSchema.DEFAULT_APP_ROLE);
 * OmniFlowSchema.verify(ownerDataSource, OmniFlowSchema.DEFAULT_SCHEMA, OmniFlowSchema.DEFAULT_APP_ROLE);
 * Store store = JdbcStore.create(appDataSource, OmniFlowSchema.DEFAULT_SCHEMA);
 * }</pre>
 */
@NullMarked
package ai.omniflow.jdbc;

import org.jspecify.annotations.NullMarked;
