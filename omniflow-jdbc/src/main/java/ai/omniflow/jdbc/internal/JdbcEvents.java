package ai.omniflow.jdbc.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.spi.EventRepository;
import ai.omniflow.tenancy.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@link EventRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcEvents implements EventRepository {
  static final String EVENT_INSERT =
      "insert into <schema>.events (id, org_id, type, subject_type, subject_id, "
          + "payload, occurred_at, actor_user_id, actor_role) values (:id, :org_id, :type, "
          + ":subject_type, :subject_id, cast(:payload as jsonb), :occurred_at, "
          + ":actor_user_id, :actor_role)";

  static final String EVENT_COUNT = "select count(*) from <schema>.events where org_id = :org";

  static final String EVENT_LIST =
      "select id, org_id, type, subject_type, subject_id, payload, occurred_at, "
          + "actor_user_id, actor_role from <schema>.events where org_id = :org order by "
          + "occurred_at desc, seq desc limit :limit offset :offset";

  private final JdbcContext tx;
  private final UUID org;

  JdbcEvents(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(DomainEvent e) {
    tx.requireOrg(e.orgId(), "the event");
    tx.append(
        "events.append",
        EVENT_INSERT,
        statement ->
            statement
                .bind("id", e.id())
                .bind("org_id", e.orgId())
                .bind("type", e.type())
                .bind("subject_type", e.subjectType())
                .bind("subject_id", e.subjectId())
                .bind("payload", e.payload())
                .bind("occurred_at", e.occurredAt())
                .bind("actor_user_id", e.actorUserId())
                .bind("actor_role", e.actorRole().wireName()));
  }

  @Override
  public Page<DomainEvent> list(PageRequest page) {
    Objects.requireNonNull(page, "page");
    tx.flush();
    return tx.step(
        "events.list",
        () -> {
          long total = tx.count(EVENT_COUNT);
          List<DomainEvent> items =
              tx.select(EVENT_LIST)
                  .bind("org", org)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> event(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private DomainEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
    Map<String, @Nullable Object> payload = Columns.json(rs, ctx, "payload");
    return new DomainEvent(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        rs.getString("type"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        payload == null ? Map.of() : payload,
        Columns.instant(rs, "occurred_at"),
        Columns.nullableUuid(rs, "actor_user_id"),
        Role.parse(rs.getString("actor_role")));
  }
}
