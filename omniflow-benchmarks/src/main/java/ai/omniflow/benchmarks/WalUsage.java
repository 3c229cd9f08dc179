package ai.omniflow.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The WAL that one role's statements wrote in the current database, statement by statement, read
 * from {@code pg_stat_statements} ({@code wal_records}, {@code wal_fpi}, {@code wal_bytes}): a
 * figure that does not depend on the machine's load, unlike a rate. Take one before the work and
 * one after; {@link #per} puts the difference per operation and names the statements that wrote the
 * most full-page images (the first change of each page after a checkpoint writes the whole page).
 * Empty when the extension is not installed in the database (or not loaded by the server), so a
 * runner stays silent on a machine without it.
 *
 * <pre>{@code
 * Optional<WalUsage> before = WalUsage.now(admin, APP_ROLE);
 * // ... the work ...
 * before.flatMap(b -> WalUsage.now(admin, APP_ROLE).map(a -> a.per(b, done, "delivery")))
 *     .ifPresent(System.out::println);
 * }</pre>
 *
 * <p>What it does not count: WAL written outside a statement of the role (the commit record, which
 * PostgreSQL writes after the {@code COMMIT} statement's own accounting; autovacuum; a checkpoint's
 * own records).
 *
 * @param statements per statement ({@code queryid}), what it had written so far
 *     <p>{@code pg_stat_statements_reset()} clears every database's figures: a reset by another
 *     session between the two samples (seen by the extension's {@code stats_reset}, or by a
 *     statement that counts fewer calls than before) makes {@link #per} say so instead of giving
 *     figures. The WAL's own records ({@code pg_waldump} over {@link #lsn}'s range, filtered by the
 *     database's oid) do not depend on it.
 * @param statements per statement ({@code queryid}), what it had written so far
 * @param checkpoints checkpoints the server had started so far (timed and requested), or -1 when
 *     {@code pg_stat_bgwriter} does not count them (PostgreSQL 17 moved them)
 * @param reset when the extension's figures were last cleared, as text
 * @param lsn the server's current WAL location
 * @param database the current database's oid
 */
record WalUsage(
    Map<Long, Statement> statements, long checkpoints, String reset, String lsn, long database) {
  /**
   * One statement's totals.
   *
   * @param query its normalized text
   */
  record Statement(String query, long calls, long records, long fpi, long bytes) {}

  /** The role's statements' WAL so far, or empty if {@code pg_stat_statements} cannot be read. */
  static Optional<WalUsage> now(DataSource admin, String role) {
    Map<Long, Statement> out = new HashMap<>();
    try (Connection c = admin.getConnection()) {
      try (PreparedStatement q =
          c.prepareStatement(
              "select queryid, query, calls, wal_records, wal_fpi, wal_bytes"
                  + " from pg_stat_statements s join pg_roles r on r.oid = s.userid"
                  + " join pg_database d on d.oid = s.dbid"
                  + " where r.rolname = ? and d.datname = current_database()")) {
        q.setString(1, role);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.merge(
                rs.getLong(1),
                new Statement(
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getBigDecimal(6).longValue()),
                (a, b) ->
                    new Statement(
                        a.query(),
                        a.calls() + b.calls(),
                        a.records() + b.records(),
                        a.fpi() + b.fpi(),
                        a.bytes() + b.bytes()));
          }
        }
      }
      try (PreparedStatement q =
              c.prepareStatement(
                  "select (select stats_reset::text from pg_stat_statements_info),"
                      + " pg_current_wal_lsn()::text,"
                      + " (select oid from pg_database where datname = current_database())");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        return Optional.of(
            new WalUsage(
                out,
                checkpoints(c),
                String.valueOf(rs.getString(1)),
                rs.getString(2),
                rs.getLong(3)));
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private static long checkpoints(Connection c) {
    try (PreparedStatement q =
            c.prepareStatement("select checkpoints_timed + checkpoints_req from pg_stat_bgwriter");
        ResultSet rs = q.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException e) {
      return -1;
    }
  }

  /**
   * WAL per operation since {@code before}, the checkpoints started in between, and the statements
   * that wrote the most full-page images, with their share of them.
   */
  String per(WalUsage before, long operations, String what) {
    long records = 0;
    long fpi = 0;
    long bytes = 0;
    List<Statement> delta = new ArrayList<>();
    String range =
        String.format(
            Locale.ROOT,
            "WAL from %s to %s (database oid %d, for pg_waldump)",
            before.lsn(),
            lsn,
            database);
    boolean reset = !reset().equals(before.reset());
    for (Map.Entry<Long, Statement> e : statements.entrySet()) {
      Statement a = e.getValue();
      Statement b = before.statements().get(e.getKey());
      reset |= b != null && a.calls() < b.calls();
      Statement d =
          b == null
              ? a
              : new Statement(
                  a.query(),
                  a.calls() - b.calls(),
                  a.records() - b.records(),
                  a.fpi() - b.fpi(),
                  a.bytes() - b.bytes());
      records += d.records();
      fpi += d.fpi();
      bytes += d.bytes();
      if (d.calls() > 0) {
        delta.add(d);
      }
    }
    if (reset) {
      return range
          + "; pg_stat_statements was reset in between (by another session?): no figures from it";
    }
    StringBuilder out =
        new StringBuilder(
            range
                + "\n  "
                + String.format(
                    Locale.ROOT,
                    "WAL per %s (pg_stat_statements, the role's statements): %.0f bytes, %.1f records,"
                        + " %.2f full-page images; %s",
                    what,
                    bytes / (double) operations,
                    records / (double) operations,
                    fpi / (double) operations,
                    checkpoints < 0 || before.checkpoints() < 0
                        ? "checkpoints in between not known"
                        : (checkpoints - before.checkpoints())
                            + " checkpoint(s) started in between"));
    delta.sort(
        Comparator.comparingLong(Statement::fpi).thenComparingLong(Statement::bytes).reversed());
    for (Statement s : delta.subList(0, Math.min(8, delta.size()))) {
      out.append(
          String.format(
              Locale.ROOT,
              "%n  %5.1f%% of FPIs, %5.1f%% of bytes, %.2f calls/%s, %.2f FPI/%s: %s",
              fpi == 0 ? 0 : 100.0 * s.fpi() / fpi,
              bytes == 0 ? 0 : 100.0 * s.bytes() / bytes,
              s.calls() / (double) operations,
              what,
              s.fpi() / (double) operations,
              what,
              clip(s.query())));
    }
    return out.toString();
  }

  private static String clip(String query) {
    String one = query.replaceAll("\\s+", " ").trim();
    return one.length() <= 110 ? one : one.substring(0, 107) + "...";
  }
}
