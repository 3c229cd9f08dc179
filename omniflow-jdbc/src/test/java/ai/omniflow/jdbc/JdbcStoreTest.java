package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName("The JDBC store's transactions and failures")
@ExtendWith(PostgresTestDatabase.class)
class JdbcStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final TestDatabase db;
  private final Store store;

  JdbcStoreTest(TestDatabase db) {
    this.db = db;
    this.store = JdbcStore.create(db.appDataSource(), db.schema());
  }

  private static DomainEvent event(Actor a, Map<String, Object> payload) {
    return new DomainEvent(
        UUID.randomUUID(),
        a.orgId(),
        "test.happened",
        "org",
        a.orgId().toString(),
        payload,
        T0,
        a.userId(),
        a.role());
  }

  /** Counts rows of {@code table} whose {@code column} is {@code id}, as the superuser (no RLS). */
  private long rows(String table, String column, UUID id) throws SQLException {
    return Long.parseLong(
        RawSql.column(
                db.adminDataSource(),
                "select count(*) from " + db.schema() + "." + table + " where " + column + " = ?",
                id)
            .get(0));
  }

  @Test
  void aWorkThatThrowsAfterWritingLeavesNoRowsEventsOrAuditBehind() throws SQLException {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    AssertionError thrown = new AssertionError("thrown after writing");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    actor,
                    tx -> {
                      tx.orgs().insert(new Org(orgId, "Doomed", null, null, T0));
                      tx.users().insert(new User(userId, userId + "@example.test", "Doomed", T0));
                      tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
                      tx.apiKeys()
                          .insert(
                              new ApiKey(
                                  UUID.randomUUID(),
                                  orgId,
                                  userId,
                                  "doomed",
                                  "ofk_doom",
                                  UUID.randomUUID().toString(),
                                  T0,
                                  null));
                      tx.events().append(event(actor, Map.of("n", 1)));
                      tx.audit()
                          .append(
                              new AuditEntry(
                                  UUID.randomUUID(),
                                  orgId,
                                  userId,
                                  Role.OWNER,
                                  "org.create",
                                  "org",
                                  orgId.toString(),
                                  null,
                                  Map.of("name", "Doomed"),
                                  null,
                                  T0));
                      throw thrown;
                    }))
        .isSameAs(thrown);

    assertThat(rows("orgs", "id", orgId)).isZero();
    assertThat(rows("users", "id", userId)).isZero();
    assertThat(rows("memberships", "org_id", orgId)).isZero();
    assertThat(rows("api_keys", "org_id", orgId)).isZero();
    assertThat(rows("events", "org_id", orgId)).isZero();
    assertThat(rows("audit_log", "org_id", orgId)).isZero();
  }

  @Test
  void aConflictLeavesTheTransactionUsable() throws SQLException {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    store.inTransaction(
        actor,
        tx -> {
          tx.orgs().insert(new Org(orgId, "Twice", null, null, T0));
          assertThatThrownBy(() -> tx.orgs().insert(new Org(orgId, "Twice", null, null, T0)))
              .isInstanceOfSatisfying(
                  OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("org_exists"));
          assertThatThrownBy(
                  () ->
                      tx.memberships()
                          .insert(new Membership(orgId, UUID.randomUUID(), Role.AGENT, T0)))
              .isInstanceOfSatisfying(
                  OmniFlowException.class,
                  e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
          tx.users().insert(new User(userId, userId + "@example.test", "Still here", T0));
          tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
          return null;
        });
    assertThat(rows("memberships", "org_id", orgId)).isEqualTo(1);
  }

  @Test
  void aDuplicateKeyIsAConflictWhoseMessageHoldsNoValue() {
    Actor actor = Actor.system(UUID.randomUUID());
    DomainEvent e = event(actor, Map.of());
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    actor,
                    tx -> {
                      tx.events().append(e);
                      tx.events().append(e);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            ex -> {
              assertThat(ex.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT);
              assertThat(ex.code()).isEqualTo("event_exists");
            })
        .message()
        .doesNotContain(e.id().toString());
    assertThat(
            store.<Long>inTransaction(actor, tx -> tx.events().list(PageRequest.first()).total()))
        .isZero();
  }

  @Test
  void aDatabaseRefusalNamesTheOperationButNoValue() {
    Actor actor = Actor.system(UUID.randomUUID());
    // PostgreSQL refuses \u0000 in jsonb and quotes the JSON text in its error context.
    DomainEvent e = event(actor, Map.of("secret", "s3cr3t-value\u0000"));
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    actor,
                    tx -> {
                      tx.events().append(e);
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events.append")
        .hasMessageContaining("SQLSTATE")
        .hasNoCause()
        .message()
        .doesNotContain("s3cr3t");
  }

  @Test
  void payloadNumbersReadBackEqualWhateverTheirScale() {
    Actor actor = Actor.system(UUID.randomUUID());
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("whole_decimal", new java.math.BigDecimal("1000"));
    payload.put("exponent_decimal", new java.math.BigDecimal("1E+3"));
    payload.put("large_double", 1.0e7);
    payload.put("tiny_double", 1.0e-10);
    payload.put("cents", new java.math.BigDecimal("1000.50"));
    payload.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
    DomainEvent e = event(actor, payload);
    store.inTransaction(
        actor,
        tx -> {
          tx.events().append(e);
          return null;
        });
    assertThat(
            store
                .<DomainEvent>inTransaction(
                    actor, tx -> tx.events().list(PageRequest.first()).items().get(0))
                .payload())
        .isEqualTo(e.payload());
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
    nowhere.setConnectTimeout(2);
    Store unreachable = JdbcStore.create(nowhere, db.schema());
    assertThatThrownBy(
            () -> unreachable.inTransaction(Actor.system(UUID.randomUUID()), tx -> "never"))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.UNAVAILABLE));
  }

  @Test
  void aTransactionCannotBeUsedAfterItEnds() {
    Actor actor = Actor.system(UUID.randomUUID());
    ai.omniflow.store.spi.StoreTransaction leaked = store.inTransaction(actor, tx -> tx);
    assertThatThrownBy(() -> leaked.orgs().current())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ended");
  }

  @Test
  void schemaNamesThatAreNotPlainIdentifiersAreRefused() {
    assertThatThrownBy(() -> JdbcStore.create(db.appDataSource(), "omniflow; drop table x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
