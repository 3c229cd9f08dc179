package ai.omniflow.jdbc.internal;

import ai.omniflow.leads.ScoreBand;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaJson;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.store.spi.SlaClockKeepingRepository;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SlaClockKeepingRepository} of one JDBC transaction: one statement locks the clock and
 * reads, only when the message moves it, the policy, the pack, the assignee's calendars and the
 * open lead's score; one round trip saves the clock, its steps and its first response (decisions
 * 0100 and 0108). Not thread-safe.
 */
final class JdbcSlaClockKeeping implements SlaClockKeepingRepository {
  /**
   * The clock locked (a subquery {@code for update}, left-joined to one row so that a thread
   * without a clock answers one too), whether the message moves it, and the reads it asked for,
   * each a {@code case} branch PostgreSQL evaluates only when taken: a clock the message leaves as
   * it is costs the lock alone.
   */
  static final DirectSql LOCK =
      DirectSql.of(
          "select c.*, m.moves,"
              + " case when m.moves and :policy then (select p.policy from <schema>.sla_policies p"
              + " where p.org_id = :org) end as policy,"
              + " case when m.moves and :policy then (select o.pack_slug from <schema>.orgs o"
              + " where o.id = :org and not exists (select 1 from <schema>.sla_policies p"
              + " where p.org_id = :org)) end as pack_slug,"
              + " case when m.moves and :calendars then (select coalesce(json_agg(json_build_object("
              + "'id', k.id, 'name', k.name, 'scope_kind', k.scope_kind, 'scope_ref', k.scope_ref,"
              + " 'definition', k.definition) order by k.seq), '[]') from ("
              + JdbcSla.CALENDARS_FOR_ASSIGNEE.replace("select id,", "select seq, id,")
              + ") k) end as calendars,"
              + " case when m.moves and (c.phase is null or c.phase = 'stopped') then (select l.score"
              + " from <schema>.leads l where l.org_id = :org and l.contact_id = :contact_id"
              + " and l.outcome is null) end as score"
              + " from (values (1)) v left join ("
              + JdbcSlaClocks.LOCK
              + ") c on true cross join lateral (select case when c.thread_id is null"
              + " then cast(:moves_none as boolean)"
              + " else c.phase = any(cast(:moves as text[])) end as moves) m");

  /** The first response's upsert with its parameters named {@code :fr_…}. */
  private static final String RESPONSE_SAVE = JdbcSlaMetrics.SAVE.replaceAll(":(\\w+)", ":fr_$1");

  /**
   * The clock saved, its steps replaced and its first response saved in one round trip: one
   * statement writes the clock, the steps wanted and the response (different tables), and a second
   * the thread's other pending steps deleted ({@link JdbcSlaClocks#STEP_GONE}, decision 0108).
   * Answers the clocks and the responses written (0 for another org's).
   */
  static final DirectSql SAVE_WITH_RESPONSE =
      DirectSql.of(
          "with clock as ("
              + JdbcSlaClocks.SAVE
              + " returning 1), "
              + JdbcSlaClocks.STEP_PUT
              + ", response as ("
              + RESPONSE_SAVE
              + " returning 1) select (select count(*) from clock) as clocks,"
              + " (select count(*) from response) as responses"
              + JdbcSlaClocks.STEP_GONE);

  /**
   * How many characters of stored text the parsed policies and calendars are kept for, all stores
   * of the JVM together: about a thousand orgs' policies and assignees' calendar sets of a few
   * kilobytes each.
   */
  static final long MAX_PARSED_CHARS = 8L << 20;

  /**
   * Policies parsed, by their stored text (decision 0108): a moving message's lock answers the
   * policy's and the calendars' text, and parsing and checking them, and compiling the calendars,
   * was half of the clock keeping's own CPU. Keyed by the very text they were parsed from, an entry
   * can never be stale; a changed policy is another text.
   */
  private static final Cache<String, SlaPolicy> POLICIES =
      Caffeine.newBuilder()
          .maximumWeight(MAX_PARSED_CHARS / 2)
          .weigher((String text, SlaPolicy p) -> text.length())
          .build();

  /** An assignee's calendars ({@link #LOCK}'s {@code calendars}) parsed, by their text. */
  private static final Cache<String, List<SlaCalendar>> CALENDARS =
      Caffeine.newBuilder()
          .maximumWeight(MAX_PARSED_CHARS / 2)
          .weigher((String text, List<SlaCalendar> c) -> text.length())
          .build();

  private final JdbcContext tx;
  private final UUID org;

  JdbcSlaClockKeeping(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Locked lock(Ask ask) {
    Objects.requireNonNull(ask, "ask");
    List<String> moves = ask.moves().stream().map(ThreadClock.Phase::wireName).sorted().toList();
    return tx.step(
        "slaClockKeeping.lock",
        () ->
            tx.direct(LOCK)
                .uuid("org", org)
                .uuid("thread", ask.threadId())
                .bool("moves_none", ask.movesNone())
                .texts("moves", moves)
                .bool("policy", ask.policy())
                .bool("calendars", ask.calendars())
                .uuid("user", ask.assigneeUserId())
                .uuid("contact_id", ask.contactId())
                .one(this::locked));
  }

  private Locked locked(ResultSet rs) throws SQLException {
    ThreadClock clock = rs.getObject("thread_id") == null ? null : JdbcSlaClocks.clock(rs);
    if (!rs.getBoolean("moves")) {
      return new Locked(clock, false, null, null, List.of(), null);
    }
    int score = rs.getInt("score");
    ScoreBand band = rs.wasNull() ? null : ScoreBand.of(score);
    return new Locked(
        clock,
        true,
        policy(rs.getString("policy")),
        rs.getString("pack_slug"),
        calendars(rs.getString("calendars")),
        band);
  }

  /** The lock's {@code policy}, parsed once per distinct text. */
  private @Nullable SlaPolicy policy(@Nullable String text) {
    if (text == null) {
      return null;
    }
    SlaPolicy policy = POLICIES.getIfPresent(text);
    if (policy == null) {
      policy = SlaJson.policy(Objects.requireNonNull(tx.json().read(text), "policy"));
      POLICIES.put(text, policy);
    }
    return policy;
  }

  /** The lock's {@code calendars}, parsed and compiled once per distinct text. */
  private List<SlaCalendar> calendars(@Nullable String text) {
    if (text == null) {
      return List.of();
    }
    List<SlaCalendar> calendars = CALENDARS.getIfPresent(text);
    if (calendars == null) {
      List<SlaCalendar> parsed = new ArrayList<>();
      for (Map<String, @Nullable Object> c : tx.json().readList(text)) {
        parsed.add(calendar(c));
      }
      calendars = List.copyOf(parsed);
      CALENDARS.put(text, calendars);
    }
    return calendars;
  }

  @SuppressWarnings("unchecked")
  private static SlaCalendar calendar(Map<String, @Nullable Object> c) {
    SlaCalendar.Kind kind =
        Objects.requireNonNull(SlaCalendar.Kind.of((String) c.get("scope_kind")), "scope_kind");
    String ref = Objects.requireNonNull((String) c.get("scope_ref"), "scope_ref");
    return new SlaCalendar(
        UUID.fromString(Objects.requireNonNull((String) c.get("id"), "id")),
        Objects.requireNonNull((String) c.get("name"), "name"),
        new SlaCalendar.Scope(kind, ref.isEmpty() ? null : ref),
        SlaJson.calendar(
            (Map<String, ?>) Objects.requireNonNull(c.get("definition"), "definition")));
  }

  @Override
  public void save(ThreadClock clock, List<SlaStep> steps, @Nullable FirstResponse response) {
    if (response == null) {
      new JdbcSlaClocks(tx).save(clock, steps);
      return;
    }
    if (!response.threadId().equals(clock.threadId())) {
      throw new IllegalArgumentException("a first response of another thread");
    }
    long[] rows =
        tx.step(
            "slaClockKeeping.save",
            () ->
                JdbcSlaMetrics.bindResponse(
                        JdbcSlaClocks.bindSteps(
                            JdbcSlaClocks.bindClock(tx.direct(SAVE_WITH_RESPONSE), org, clock),
                            org,
                            clock.threadId(),
                            steps),
                        org,
                        response,
                        "fr_")
                    .one(rs -> new long[] {rs.getLong("clocks"), rs.getLong("responses")}));
    if (rows[0] == 0) {
      throw new IllegalStateException("the thread's clock belongs to another org");
    }
    if (rows[1] == 0) {
      throw new IllegalStateException("the thread's first response belongs to another org");
    }
  }
}
