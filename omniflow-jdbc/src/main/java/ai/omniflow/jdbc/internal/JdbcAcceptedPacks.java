package ai.omniflow.jdbc.internal;

import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.store.spi.AcceptedPackRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link AcceptedPackRepository} of one JDBC transaction, with the SQL it runs (table {@code
 * org_accepted_packs}, V32). Not thread-safe.
 */
final class JdbcAcceptedPacks implements AcceptedPackRepository {
  static final String FIND =
      "select slug, version, text, accepted_at from <schema>.org_accepted_packs"
          + " where org_id = :org";

  static final String SAVE =
      "insert into <schema>.org_accepted_packs (org_id, slug, version, text, accepted_at)"
          + " values (:org, :slug, :version, :text, :accepted_at) on conflict (org_id) do update"
          + " set slug = excluded.slug, version = excluded.version, text = excluded.text,"
          + " accepted_at = excluded.accepted_at";

  // Only while the org's row names that pack and version, read under a share lock (a concurrent
  // change of the org's pack waits, or is waited for and then fails the check); a text of that
  // version already kept is left as it is (decision 0085).
  static final String KEEP_IF_MISSING =
      "with o as (select id from <schema>.orgs where id = :org and pack_slug = :slug and"
          + " pack_version = :version for share) insert into <schema>.org_accepted_packs (org_id,"
          + " slug, version, text, accepted_at) select o.id, :slug, :version, :text, :accepted_at"
          + " from o on conflict (org_id) do update set slug = excluded.slug, version ="
          + " excluded.version, text = excluded.text, accepted_at = excluded.accepted_at where"
          + " (org_accepted_packs.slug, org_accepted_packs.version) is distinct from"
          + " (excluded.slug, excluded.version)";

  private final JdbcContext tx;
  private final UUID org;

  JdbcAcceptedPacks(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<AcceptedPack> find() {
    return tx.step(
        "org_accepted_packs.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .map(
                    (rs, ctx) ->
                        new AcceptedPack(
                            org,
                            rs.getString("slug"),
                            rs.getString("version"),
                            rs.getString("text"),
                            Columns.instant(rs, "accepted_at")))
                .findOne());
  }

  @Override
  public boolean keepIfMissing(AcceptedPack a) {
    if (!a.orgId().equals(org)) {
      throw new IllegalArgumentException(
          "the accepted pack belongs to another org than the transaction");
    }
    return tx.step(
            "org_accepted_packs.keep_if_missing",
            () ->
                tx.change(KEEP_IF_MISSING)
                    .bind("org", org)
                    .bind("slug", a.slug())
                    .bind("version", a.version())
                    .bind("text", a.text())
                    .bind("accepted_at", a.acceptedAt())
                    .execute())
        > 0;
  }

  @Override
  public void save(AcceptedPack a) {
    if (!a.orgId().equals(org)) {
      throw new IllegalArgumentException(
          "the accepted pack belongs to another org than the transaction");
    }
    tx.step(
        "org_accepted_packs.save",
        () ->
            tx.change(SAVE)
                .bind("org", org)
                .bind("slug", a.slug())
                .bind("version", a.version())
                .bind("text", a.text())
                .bind("accepted_at", a.acceptedAt())
                .execute());
  }
}
