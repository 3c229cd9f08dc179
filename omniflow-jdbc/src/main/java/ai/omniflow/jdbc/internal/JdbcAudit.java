package ai.omniflow.jdbc.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.store.spi.AuditRepository;
import ai.omniflow.tenancy.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@link AuditRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcAudit implements AuditRepository {
  static final String AUDIT_INSERT =
      "insert into <schema>.audit_log (id, org_id, actor_user_id, actor_role, action, "
          + "entity_type, entity_id, before, after, request_id, occurred_at) values (:id, "
          + ":org_id, :actor_user_id, :actor_role, :action, :entity_type, :entity_id, "
          + "cast(:before as jsonb), cast(:after as jsonb), :request_id, :occurred_at)";

  static final String AUDIT_COUNT = "select count(*) from <schema>.audit_log where org_id = :org";

  static final String AUDIT_LIST =
      "select id, org_id, actor_user_id, actor_role, action, entity_type, entity_id, "
          + "before, after, request_id, occurred_at from <schema>.audit_log where org_id = "
          + ":org order by occurred_at desc, seq desc limit :limit offset :offset";

  private final JdbcContext tx;
  private final UUID org;

  JdbcAudit(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(AuditEntry a) {
    tx.requireOrg(a.orgId(), "the audit entry");
    tx.append(
        "audit.append",
        AUDIT_INSERT,
        statement ->
            statement
                .bind("id", a.id())
                .bind("org_id", a.orgId())
                .bind("actor_user_id", a.actorUserId())
                .bind("actor_role", a.actorRole().wireName())
                .bind("action", a.action())
                .bind("entity_type", a.entityType())
                .bind("entity_id", a.entityId())
                .bind("before", a.before())
                .bind("after", a.after())
                .bind("request_id", a.requestId())
                .bind("occurred_at", a.occurredAt()));
  }

  @Override
  public Page<AuditEntry> list(PageRequest page) {
    Objects.requireNonNull(page, "page");
    tx.flush();
    return tx.step(
        "audit.list",
        () -> {
          long total = tx.count(AUDIT_COUNT);
          List<AuditEntry> items =
              tx.select(AUDIT_LIST)
                  .bind("org", org)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> audit(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private AuditEntry audit(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEntry(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.nullableUuid(rs, "actor_user_id"),
        Role.parse(rs.getString("actor_role")),
        rs.getString("action"),
        rs.getString("entity_type"),
        rs.getString("entity_id"),
        Columns.json(rs, ctx, "before"),
        Columns.json(rs, ctx, "after"),
        rs.getString("request_id"),
        Columns.instant(rs, "occurred_at"));
  }
}
