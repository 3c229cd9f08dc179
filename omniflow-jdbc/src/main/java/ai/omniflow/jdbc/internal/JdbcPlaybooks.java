package ai.omniflow.jdbc.internal;

import ai.omniflow.nurture.PlaybookJson;
import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.store.spi.PlaybookRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link PlaybookRepository} of one JDBC transaction, with the SQL it runs (table {@code
 * nurture_playbooks}, V28). {@link #lockKey} is a transaction-scoped advisory lock on the org and
 * key. Not thread-safe.
 */
final class JdbcPlaybooks implements PlaybookRepository {
  static final String LIST =
      "select playbook_key, definition, created_at, updated_at from <schema>.nurture_playbooks"
          + " where org_id = :org order by playbook_key limit :limit";

  static final String FIND =
      "select playbook_key, definition, created_at, updated_at from <schema>.nurture_playbooks"
          + " where org_id = :org and playbook_key = :key";

  static final String SAVE =
      "insert into <schema>.nurture_playbooks (org_id, playbook_key, definition, created_at,"
          + " updated_at) values (:org, :key, cast(:definition as jsonb), :created_at,"
          + " :updated_at) on conflict (org_id, playbook_key) do update set definition ="
          + " excluded.definition, updated_at = excluded.updated_at";

  static final String DELETE =
      "delete from <schema>.nurture_playbooks where org_id = :org and playbook_key = :key";

  static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(:lock, 0))";

  private final JdbcContext tx;
  private final UUID org;

  JdbcPlaybooks(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public List<StoredPlaybook> list() {
    return tx.step(
        "nurture_playbooks.list",
        () ->
            tx.select(LIST)
                .bind("org", org)
                .bind("limit", MAX_PLAYBOOKS)
                .map((rs, ctx) -> playbook(rs, ctx))
                .list());
  }

  @Override
  public Optional<StoredPlaybook> find(String key) {
    Objects.requireNonNull(key, "key");
    return tx.step(
        "nurture_playbooks.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .bind("key", key)
                .map((rs, ctx) -> playbook(rs, ctx))
                .findOne());
  }

  @Override
  public void save(StoredPlaybook p) {
    if (!p.orgId().equals(org)) {
      throw new IllegalArgumentException(
          "the playbook belongs to another org than the transaction");
    }
    tx.step(
        "nurture_playbooks.save",
        () ->
            tx.change(SAVE)
                .bind("org", org)
                .bind("key", p.key())
                .bind("definition", PlaybookJson.toJson(p.playbook()))
                .bind("created_at", p.createdAt())
                .bind("updated_at", p.updatedAt())
                .execute());
  }

  @Override
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    return tx.step(
            "nurture_playbooks.delete",
            () -> tx.change(DELETE).bind("org", org).bind("key", key).execute())
        > 0;
  }

  @Override
  public void lockKey(String key) {
    Objects.requireNonNull(key, "key");
    tx.step(
        "nurture_playbooks.lockKey",
        () ->
            tx.select(LOCK)
                .bind("lock", "omniflow.nurture_playbook/" + org + "/" + key)
                .mapToMap()
                .list());
  }

  private StoredPlaybook playbook(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredPlaybook(
        org,
        PlaybookJson.read(Columns.json(rs, ctx, "definition"), rs.getString("playbook_key")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
