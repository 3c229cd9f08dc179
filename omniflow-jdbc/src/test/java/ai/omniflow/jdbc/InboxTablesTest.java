package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The inbox tables, seen with raw SQL")
@ExtendWith(PostgresTestDatabase.class)
class InboxTablesTest {
  private static final List<String> TABLES =
      List.of(
          "inbox_threads",
          "inbox_messages",
          "touchpoints",
          "ingest_receipts",
          "inbox_drafts",
          "contact_opt_outs");

  private final TestDatabase db;
  private final OmniFlow omniFlow;

  InboxTablesTest(TestDatabase db) {
    this.db = db;
    this.omniFlow =
        OmniFlow.builder().store(JdbcStore.create(db.appDataSource(), db.schema())).build();
  }

  private Actor orgWithAThread() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    var r =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(org),
                null,
                new InboundEvent.Message(
                    "mid-" + org,
                    "page-1",
                    Channel.INSTAGRAM_DM,
                    "mid-" + org,
                    Sender.ofHandle("ig-1"),
                    "Hi",
                    Instant.now(),
                    Referral.NONE));
    omniFlow.inbox().draft(owner, r.threadId(), "Hello");
    omniFlow.inbox().optOut(owner, r.contactId());
    return owner;
  }

  @Test
  void theApplicationRoleSeesOnlyTheOrgsRowsAndNothingWithoutAnOrg() throws SQLException {
    Actor a = orgWithAThread();
    orgWithAThread();
    RawSql.assertOnlyTheOrgsRowsAndNothingWithoutAnOrg(
        db.appDataSource(), db.schema(), TABLES, a.orgId());
  }

  @Test
  void touchpointsAndReceiptsAreAppendOnlyAndNothingIsDeleted() throws SQLException {
    assertThat(RawSql.privileges(db, TABLES))
        .containsExactly(
            "contact_opt_outs:INSERT",
            "contact_opt_outs:SELECT",
            "inbox_drafts:INSERT",
            "inbox_drafts:SELECT",
            "inbox_drafts:UPDATE",
            "inbox_messages:INSERT",
            "inbox_messages:SELECT",
            "inbox_messages:UPDATE",
            "inbox_threads:INSERT",
            "inbox_threads:SELECT",
            "inbox_threads:UPDATE",
            "ingest_receipts:INSERT",
            "ingest_receipts:SELECT",
            "touchpoints:INSERT",
            "touchpoints:SELECT");
  }
}
