package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaJson;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.store.spi.SlaRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SlaRepository} of one JDBC transaction, with the SQL it runs. A taken id or scope is
 * reported by its unique constraint, which {@link SqlFailures} names. Not thread-safe.
 */
final class JdbcSla implements SlaRepository {
  static final String POLICY_FIND = "select policy from <schema>.sla_policies where org_id = :org";

  static final String POLICY_DELETE = "delete from <schema>.sla_policies where org_id = :org";

  static final String POLICY_SAVE =
      "insert into <schema>.sla_policies (org_id, policy) values (:org, cast(:policy as "
          + "jsonb)) on conflict (org_id) do update set policy = excluded.policy";

  static final String CALENDAR_INSERT =
      "insert into <schema>.sla_calendars (id, org_id, name, scope_kind, scope_ref, "
          + "definition) values (:id, :org, :name, :scope_kind, :scope_ref, cast(:definition as "
          + "jsonb))";

  static final String CALENDAR_UPDATE =
      "update <schema>.sla_calendars set name = :name, scope_kind = :scope_kind, scope_ref = "
          + ":scope_ref, definition = cast(:definition as jsonb) where org_id = :org and id = :id";

  static final String CALENDAR_DELETE =
      "delete from <schema>.sla_calendars where org_id = :org and id = :id";

  static final String CALENDAR_FIND =
      "select id, name, scope_kind, scope_ref, definition from <schema>.sla_calendars where "
          + "org_id = :org and id = :id";

  static final String CALENDAR_LIST =
      "select id, name, scope_kind, scope_ref, definition from <schema>.sla_calendars where "
          + "org_id = :org order by seq";

  /**
   * The org's calendar and those of the assignee's agents and of their groups, by the unique index
   * on (org, scope kind, scope reference): the agents by user, the groups by member.
   */
  static final String CALENDARS_FOR_ASSIGNEE =
      "select id, name, scope_kind, scope_ref, definition from <schema>.sla_calendars c"
          + " where c.org_id = :org and ((c.scope_kind = 'org' and c.scope_ref = '')"
          + " or (c.scope_kind = 'agent' and c.scope_ref in (select cast(a.id as text) from"
          + " <schema>.routing_agents a where a.org_id = :org and a.user_id = :user))"
          + " or (c.scope_kind = 'group' and c.scope_ref in (select g.key from"
          + " <schema>.routing_groups g join <schema>.routing_agents a on a.id = any(g.member_ids)"
          + " where g.org_id = :org and a.org_id = :org and a.user_id = :user)))"
          + " order by c.seq";

  private final JdbcContext tx;
  private final UUID org;

  JdbcSla(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<SlaPolicy> policy() {
    return tx.step(
        "sla.policy",
        () ->
            tx.select(POLICY_FIND)
                .bind("org", org)
                .map(
                    (rs, ctx) ->
                        SlaJson.policy(Objects.requireNonNull(Columns.json(rs, ctx, "policy"))))
                .findOne());
  }

  @Override
  public void savePolicy(@Nullable SlaPolicy policy) {
    tx.step(
        "sla.savePolicy",
        () ->
            policy == null
                ? tx.change(POLICY_DELETE).bind("org", org).execute()
                : tx.change(POLICY_SAVE)
                    .bind("org", org)
                    .bind("policy", SlaJson.toJson(policy))
                    .execute());
  }

  @Override
  public void insertCalendar(SlaCalendar c) {
    tx.step(
        "sla.insertCalendar",
        () ->
            tx.change(CALENDAR_INSERT)
                .bind("id", c.id())
                .bind("org", org)
                .bind("name", c.name())
                .bind("scope_kind", c.scope().kind().wireName())
                .bind("scope_ref", scopeRef(c))
                .bind("definition", SlaJson.toJson(c.calendar()))
                .execute());
  }

  @Override
  public void updateCalendar(SlaCalendar c) {
    int rows =
        tx.step(
            "sla.updateCalendar",
            () ->
                tx.change(CALENDAR_UPDATE)
                    .bind("name", c.name())
                    .bind("scope_kind", c.scope().kind().wireName())
                    .bind("scope_ref", scopeRef(c))
                    .bind("definition", SlaJson.toJson(c.calendar()))
                    .bind("org", org)
                    .bind("id", c.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The calendar");
    }
  }

  @Override
  public boolean deleteCalendar(UUID id) {
    return tx.step(
            "sla.deleteCalendar",
            () -> tx.change(CALENDAR_DELETE).bind("org", org).bind("id", id).execute())
        > 0;
  }

  @Override
  public Optional<SlaCalendar> findCalendar(UUID id) {
    return tx.step(
        "sla.findCalendar",
        () ->
            tx.select(CALENDAR_FIND)
                .bind("org", org)
                .bind("id", id)
                .map((rs, ctx) -> calendar(rs, ctx))
                .findOne());
  }

  @Override
  public List<SlaCalendar> calendars() {
    return tx.step(
        "sla.calendars",
        () -> tx.select(CALENDAR_LIST).bind("org", org).map((rs, ctx) -> calendar(rs, ctx)).list());
  }

  @Override
  public List<SlaCalendar> calendarsForAssignee(@Nullable UUID assigneeUserId) {
    return tx.step(
        "sla.calendarsForAssignee",
        () ->
            tx.select(CALENDARS_FOR_ASSIGNEE)
                .bind("org", org)
                .bind("user", assigneeUserId)
                .map((rs, ctx) -> calendar(rs, ctx))
                .list());
  }

  /** The org scope stores an empty reference, so that the unique constraint covers it too. */
  private static String scopeRef(SlaCalendar c) {
    String ref = c.scope().ref();
    return ref == null ? "" : ref;
  }

  private static SlaCalendar calendar(ResultSet rs, StatementContext ctx) throws SQLException {
    SlaCalendar.Kind kind =
        Objects.requireNonNull(SlaCalendar.Kind.of(rs.getString("scope_kind")), "scope_kind");
    String ref = rs.getString("scope_ref");
    return new SlaCalendar(
        Columns.uuid(rs, "id"),
        rs.getString("name"),
        new SlaCalendar.Scope(kind, ref.isEmpty() ? null : ref),
        SlaJson.calendar(Objects.requireNonNull(Columns.json(rs, ctx, "definition"))));
  }
}
