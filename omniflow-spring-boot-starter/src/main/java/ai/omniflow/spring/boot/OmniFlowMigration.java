package ai.omniflow.spring.boot;

import ai.omniflow.jdbc.OmniFlowSchema;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record that OmniFlow's migrations ran at start-up: the auto-configuration makes this bean
 * when {@code omniflow.jdbc.migrate=true}, after the host's own database initialization, and the
 * {@code JdbcStore} is made after it. A host that migrates OmniFlow's schema its own way leaves the
 * property off, or defines its own bean of this type.
 *
 * <pre>{@code
 * omniflow.jdbc.migrate=true
 * omniflow.jdbc.owner.url=jdbc:postgresql://db:5432/app
 * omniflow.jdbc.owner.username=omniflow_owner
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OmniFlowMigration {
  private static final Logger LOG = LoggerFactory.getLogger(OmniFlowMigration.class);

  private final String schema;

  private OmniFlowMigration(String schema) {
    this.schema = schema;
  }

  /**
   * Migrates {@code schema} through {@link OmniFlowSchema#migrate} and returns the record of it.
   *
   * @throws IllegalArgumentException if {@code schema} or {@code appRole} is not a lower-case
   *     identifier
   * @throws IllegalStateException if the app role does not exist or a migration fails; the schema
   *     then stays at the last version that migrated completely
   */
  public static OmniFlowMigration run(DataSource owner, String schema, String appRole) {
    Objects.requireNonNull(owner, "owner");
    OmniFlowSchema.migrate(owner, schema, appRole);
    LOG.info("Migrated OmniFlow's schema {}", schema);
    return new OmniFlowMigration(schema);
  }

  /** The schema that was migrated. */
  public String schema() {
    return schema;
  }
}
