package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.attribution.Touch;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.JourneyRepository.TouchDetail;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report's journeys as {@code JdbcJourneys} reads them (times as microseconds, channels and
 * campaigns through a dictionary of the query's own, decision 0086) are exactly what the reader
 * before it gave, which read every value as text: checked on generated data with ties, times to the
 * microsecond at both ends of the allowed range, non-ASCII and missing campaigns, and more distinct
 * campaigns than the dictionary keeps.
 */
@DisplayName("Reading the report's journeys from PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class JourneyReadingTest {
  private static final Instant SINCE = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2200-01-01T00:00:00Z");

  // The queries of the reader before decision 0086, every value read as text.
  private static final String TEXT_INBOX =
      "select contact_id, occurred_at, channel, campaign_id from <s>.touchpoints where org_id = ?"
          + " and occurred_at >= ? and occurred_at < ? order by contact_id, occurred_at, seq";
  private static final String TEXT_EXTERNAL =
      "select contact_id, occurred_at, channel, campaign from <s>.external_touchpoints where"
          + " org_id = ? and contact_id is not null and occurred_at >= ? and occurred_at < ?"
          + " order by contact_id, occurred_at, seq";
  private static final String TEXT_LEADS =
      "select contact_id, created_at, closed_at, outcome, amount, currency from <s>.leads where"
          + " org_id = ? and created_at < ? and (closed_at is null or closed_at >= ?)"
          + " order by contact_id, created_at, closed_at nulls last";

  private final TestDatabase db;
  private final Store store;
  private final OmniFlow omniFlow;

  JourneyReadingTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
    this.omniFlow = OmniFlow.builder().store(store).build();
  }

  @Test
  @DisplayName("gives every contact's touches and leads exactly as the text reader did")
  void givesWhatTheTextReaderGave() throws SQLException {
    Actor owner = orgWithActivity();
    for (Instant[] window :
        new Instant[][] {
          {SINCE, UNTIL},
          {Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-02T00:00:00.000001Z")}
        }) {
      List<ContactActivity> read = new ArrayList<>();
      store.inTransaction(
          owner,
          tx -> {
            tx.journeys().activity(window[0], window[1], TouchDetail.NONE, read::add);
            return null;
          });
      List<ContactActivity> expected = readAsText(owner.orgId(), window[0], window[1]);
      assertThat(read).hasSizeGreaterThan(10).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("reads times to the microsecond at both ends of the allowed range")
  void readsTimesAtTheEnds() throws SQLException {
    Actor owner = orgWithActivity();
    List<Instant> times = new ArrayList<>();
    store.inTransaction(
        owner,
        tx -> {
          tx.journeys()
              .activity(
                  SINCE, UNTIL, TouchDetail.NONE, a -> a.touches().forEach(t -> times.add(t.at())));
          return null;
        });
    assertThat(times)
        .contains(
            Instant.parse("2000-01-01T00:00:00.000001Z"),
            Instant.parse("2199-12-31T23:59:59.999999Z"));
  }

  /** An org with 3,000 contacts, 12,000 inbox and 3,000 external touchpoints, and leads. */
  private Actor orgWithActivity() throws SQLException {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Org", u);
    String s = db.schema();
    String campaign =
        "case when i % 7 = 0 then null when i % 3 <> 0 then 'campaña ñ ' || i"
            + " when i % 11 = 0 then '活動 ' || (i % 3) else 'camp_' || (i % 20) end";
    // Times on a few seconds, so that touches tie within and across the tables.
    String at =
        "timestamptz '2026-01-01 00:00:00+00' + ((i * 7919) % 97) * interval '1 hour'"
            + " + (i % 3) * interval '1 microsecond'";
    RawSql.execute(
        db.adminDataSource(),
        "insert into "
            + s
            + ".contacts (id, org_id, display_name, created_at, updated_at) select md5('"
            + org
            + "' || i)::uuid, '"
            + org
            + "', 'C', now(), now() from generate_series(0, 2999) i",
        "insert into "
            + s
            + ".touchpoints (id, org_id, contact_id, channel, campaign_id, occurred_at) select"
            + " gen_random_uuid(), '"
            + org
            + "', md5('"
            + org
            + "' || (i % 3000))::uuid, (array['instagram_dm', 'sms', 'email', 'whatsapp',"
            + " 'lead_form'])[i % 5 + 1], "
            + campaign
            + ", "
            + at
            + " from generate_series(1, 12000) i",
        "insert into "
            + s
            + ".external_touchpoints (id, org_id, contact_id, channel, campaign, occurred_at,"
            + " recorded_at) select gen_random_uuid(), '"
            + org
            + "', md5('"
            + org
            + "' || (i % 3000))::uuid, (array['facebook_ad', 'google_ad', 'ads.x-1'])[i % 3 + 1], "
            + campaign
            + ", "
            + at
            + ", now() from generate_series(1, 3000) i",
        "insert into "
            + s
            + ".touchpoints (id, org_id, contact_id, channel, occurred_at) values"
            + " (gen_random_uuid(), '"
            + org
            + "', md5('"
            + org
            + "' || 1)::uuid, 'sms', '2000-01-01 00:00:00.000001+00'), (gen_random_uuid(), '"
            + org
            + "', md5('"
            + org
            + "' || 2)::uuid, 'sms', '2199-12-31 23:59:59.999999+00')",
        "insert into "
            + s
            + ".leads (id, org_id, contact_id, stage, outcome, amount, currency, closed_at,"
            + " created_at, updated_at) select gen_random_uuid(), '"
            + org
            + "', md5('"
            + org
            + "' || (i * 13 % 3000))::uuid, 'new', case when i % 3 = 0 then 'won' when i % 3"
            + " = 1 then 'lost' end, case when i % 3 = 0 then 100.25 + i end, case when i % 3 ="
            + " 0 then 'USD' end, case when i % 3 < 2 then timestamptz '2026-01-03 00:00:00+00'"
            + " + i * interval '1 minute' end, timestamptz '2026-01-01 00:00:00+00', now() from"
            + " generate_series(1, 400) i");
    return Actor.of(org, u.id(), Role.OWNER);
  }

  /** The journeys as the text reader read them, merged as it merged them. */
  private List<ContactActivity> readAsText(UUID org, Instant since, Instant until)
      throws SQLException {
    Map<UUID, List<Touch>> inbox = new LinkedHashMap<>();
    Map<UUID, List<Touch>> external = new LinkedHashMap<>();
    Map<UUID, List<ContactActivity.LeadMark>> leads = new LinkedHashMap<>();
    try (Connection c = db.adminDataSource().getConnection()) {
      touches(c, TEXT_INBOX, org, since, until, inbox);
      touches(c, TEXT_EXTERNAL, org, since, until, external);
      try (PreparedStatement ps = c.prepareStatement(TEXT_LEADS.replace("<s>", db.schema()))) {
        ps.setObject(1, org);
        ps.setObject(2, OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LeadOutcome outcome = null;
            if (rs.getString(4) != null) {
              outcome =
                  new LeadOutcome(
                      LeadOutcome.Status.parse(rs.getString(4)),
                      rs.getBigDecimal(5),
                      rs.getString(6),
                      rs.getObject(3, OffsetDateTime.class).toInstant(),
                      null);
            }
            leads
                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(
                    new ContactActivity.LeadMark(
                        rs.getObject(2, OffsetDateTime.class).toInstant(), outcome));
          }
        }
      }
    }
    Map<UUID, Boolean> contacts = new TreeMap<>(JourneyRepository.CONTACT_ORDER);
    inbox.keySet().forEach(k -> contacts.put(k, true));
    external.keySet().forEach(k -> contacts.put(k, true));
    leads.keySet().forEach(k -> contacts.put(k, true));
    List<ContactActivity> out = new ArrayList<>();
    for (UUID contact : contacts.keySet()) {
      List<Touch> a = inbox.getOrDefault(contact, List.of());
      List<Touch> b = external.getOrDefault(contact, List.of());
      List<ContactActivity.LeadMark> marks = leads.getOrDefault(contact, List.of());
      boolean closedInWindow =
          marks.stream()
              .anyMatch(
                  m ->
                      m.outcome() != null
                          && !m.outcome().closedAt().isBefore(since)
                          && m.outcome().closedAt().isBefore(until));
      if (a.isEmpty() && b.isEmpty() && !closedInWindow) {
        continue;
      }
      List<Touch> merged = new ArrayList<>();
      int i = 0;
      int e = 0;
      while (i < a.size() || e < b.size()) {
        boolean takeInbox =
            e == b.size() || (i < a.size() && !a.get(i).at().isAfter(b.get(e).at()));
        merged.add(takeInbox ? a.get(i++) : b.get(e++));
      }
      out.add(new ContactActivity(contact, merged, marks));
    }
    return out;
  }

  private void touches(
      Connection c, String sql, UUID org, Instant since, Instant until, Map<UUID, List<Touch>> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.replace("<s>", db.schema()))) {
      ps.setObject(1, org);
      ps.setObject(2, OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
      ps.setObject(3, OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
              .add(
                  Touch.of(
                      rs.getString(3),
                      rs.getString(4),
                      rs.getObject(2, OffsetDateTime.class).toInstant()));
        }
      }
    }
  }
}
