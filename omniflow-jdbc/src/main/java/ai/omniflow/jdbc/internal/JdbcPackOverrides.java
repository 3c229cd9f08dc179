package ai.omniflow.jdbc.internal;

import ai.omniflow.pack.PackOverride;
import ai.omniflow.store.spi.PackOverrideRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link PackOverrideRepository} of one JDBC transaction, with the SQL it runs (table {@code
 * org_pack_overrides}, V31). Not thread-safe.
 */
final class JdbcPackOverrides implements PackOverrideRepository {
  static final String FIND =
      "select base_slug, patch, revision, updated_at from <schema>.org_pack_overrides"
          + " where org_id = :org";

  static final String SAVE =
      "insert into <schema>.org_pack_overrides (org_id, base_slug, patch, revision, updated_at)"
          + " values (:org, :base_slug, :patch, :revision, :updated_at) on conflict (org_id) do"
          + " update set base_slug = excluded.base_slug, patch = excluded.patch, revision ="
          + " excluded.revision, updated_at = excluded.updated_at";

  static final String DELETE = "delete from <schema>.org_pack_overrides where org_id = :org";

  private final JdbcContext tx;
  private final UUID org;

  JdbcPackOverrides(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<PackOverride> find() {
    return tx.step(
        "org_pack_overrides.find",
        () -> tx.select(FIND).bind("org", org).map((rs, ctx) -> override(rs, ctx)).findOne());
  }

  @Override
  public void save(PackOverride o) {
    if (!o.orgId().equals(org)) {
      throw new IllegalArgumentException(
          "the pack override belongs to another org than the transaction");
    }
    tx.step(
        "org_pack_overrides.save",
        () ->
            tx.change(SAVE)
                .bind("org", org)
                .bind("base_slug", o.baseSlug())
                .bind("patch", o.patch())
                .bind("revision", o.revision())
                .bind("updated_at", o.updatedAt())
                .execute());
  }

  @Override
  public boolean delete() {
    return tx.step("org_pack_overrides.delete", () -> tx.change(DELETE).bind("org", org).execute())
        > 0;
  }

  private PackOverride override(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PackOverride(
        org,
        rs.getString("base_slug"),
        rs.getString("patch"),
        Columns.uuid(rs, "revision"),
        Columns.instant(rs, "updated_at"));
  }
}
