package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.TenancyErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@link OrgRepository} of one JDBC transaction, with the SQL it runs. Not thread-safe. */
final class JdbcOrgs implements OrgRepository {
  static final String ORG_CURRENT =
      "select id, name, pack_slug, pack_version, created_at, default_region, time_zone, "
          + "lead_forms_become_leads, help_text from <schema>.orgs where id = :org";

  static final String ORG_INSERT =
      "insert into <schema>.orgs (id, name, pack_slug, pack_version, created_at, "
          + "default_region, time_zone, lead_forms_become_leads, help_text) values (:id, :name, "
          + ":pack_slug, :pack_version, :created_at, :default_region, :time_zone, "
          + ":lead_forms_become_leads, :help_text) "
          + "on conflict do nothing";

  static final String ORG_UPDATE =
      "update <schema>.orgs set name = :name, pack_slug = :pack_slug, pack_version = "
          + ":pack_version, created_at = :created_at, default_region = :default_region, "
          + "time_zone = :time_zone, lead_forms_become_leads = :lead_forms_become_leads, "
          + "help_text = :help_text where id = :id";

  /**
   * The org's earlier rescorings after a pack selection that no node has picked: the ids in [{@code
   * <org>/}, {@code <org>0}) in byte order, a range the index of V29 serves, as {@link JdbcTasks}
   * finds a task's checks.
   */
  static final String CANCEL_PACK_RESCORES =
      "delete from <schema>.scheduled_tasks where task_name = :task and task_instance collate"
          + " \"C\" >= :from and task_instance collate \"C\" < :to and not picked";

  /** One selection's rescoring, due at once (decision 0075). */
  static final String SCHEDULE_PACK_RESCORE =
      "insert into <schema>.scheduled_tasks (task_name, task_instance, task_data,"
          + " execution_time, picked, version) values (:task, :instance, null, now(), false, 1)"
          + " on conflict (task_name, task_instance) do nothing";

  private final JdbcContext tx;
  private final UUID org;

  JdbcOrgs(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<Org> current() {
    // Read once per transaction: an ingest asks three times (decision 0076).
    Org known = tx.currentOrg();
    if (known != null) {
      tx.requireOpen();
      return Optional.of(known);
    }
    Optional<Org> found =
        tx.step(
            "orgs.current",
            () -> tx.select(ORG_CURRENT).bind("org", org).map((rs, ctx) -> org(rs, ctx)).findOne());
    found.ifPresent(tx::currentOrg);
    return found;
  }

  @Override
  public void insert(Org o) {
    tx.requireOrg(o.id(), "the org");
    int rows =
        tx.step(
            "orgs.insert",
            () ->
                tx.change(ORG_INSERT)
                    .bind("id", o.id())
                    .bind("name", o.name())
                    .bind("pack_slug", o.packSlug())
                    .bind("pack_version", o.packVersion())
                    .bind("created_at", o.createdAt())
                    .bind("default_region", o.defaultRegion())
                    .bind("time_zone", o.timeZone() == null ? null : o.timeZone().getId())
                    .bind("lead_forms_become_leads", o.leadFormsBecomeLeads())
                    .bind("help_text", o.helpText())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.conflict(TenancyErrors.ORG_EXISTS, "The org exists already.");
    }
    tx.currentOrg(null); // read again as stored
  }

  @Override
  public void update(Org o) {
    tx.requireOrg(o.id(), "the org");
    int rows =
        tx.step(
            "orgs.update",
            () ->
                tx.change(ORG_UPDATE)
                    .bind("name", o.name())
                    .bind("pack_slug", o.packSlug())
                    .bind("pack_version", o.packVersion())
                    .bind("created_at", o.createdAt())
                    .bind("default_region", o.defaultRegion())
                    .bind("time_zone", o.timeZone() == null ? null : o.timeZone().getId())
                    .bind("lead_forms_become_leads", o.leadFormsBecomeLeads())
                    .bind("help_text", o.helpText())
                    .bind("id", o.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The org");
    }
    tx.currentOrg(null); // read again as stored
  }

  @Override
  public boolean schedulePackRescore(String instance) {
    if (!instance.startsWith(org + "/")) {
      throw new IllegalArgumentException("the rescoring is not of the transaction's org");
    }
    tx.step(
        "orgs.cancel_pack_rescores",
        () ->
            tx.change(CANCEL_PACK_RESCORES)
                .bind("task", OrgRepository.PACK_RESCORE_TASK)
                .bind("from", org + "/")
                .bind("to", JdbcSlaClocks.upperBound(org + "/"))
                .execute());
    tx.step(
        "orgs.schedule_pack_rescore",
        () ->
            tx.change(SCHEDULE_PACK_RESCORE)
                .bind("task", OrgRepository.PACK_RESCORE_TASK)
                .bind("instance", instance)
                .execute());
    return true;
  }

  private static Org org(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Org(
        Columns.uuid(rs, "id"),
        rs.getString("name"),
        rs.getString("pack_slug"),
        rs.getString("pack_version"),
        Columns.instant(rs, "created_at"),
        rs.getString("default_region"),
        zone(rs.getString("time_zone")),
        rs.getBoolean("lead_forms_become_leads"),
        rs.getString("help_text"));
  }

  private static java.time.@Nullable ZoneId zone(@Nullable String id) {
    return id == null ? null : java.time.ZoneId.of(id);
  }
}
