package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.leads.Lead;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every suite of the kit shares: the store under test, the fixed instant {@link #T0}, and
 * factories for rows in orgs of their own. Not API: the kit's nested classes extend it.
 */
abstract class StoreSuite {

  /** The store under test: the host's, handed over by {@link StoreCompatibilityKit}. */
  abstract Store store();

  /** Times are truncated to microseconds, the precision PostgreSQL keeps. */
  protected static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456Z");

  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom");
    }
  }

  /** A new org with its owner, committed; returns the owner's actor. */
  protected Actor newOrg() {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    store()
        .inTransaction(
            actor,
            tx -> {
              tx.orgs().insert(new Org(orgId, "Org " + orgId, null, null, T0));
              tx.users().insert(user(userId));
              tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
              return null;
            });
    return actor;
  }

  /** A new org's lead, and the contact it is of; both committed. */
  record OrgLead(Actor actor, Contact contact, Lead lead) {}

  /** A new org (see {@link #newOrg}) with a contact and its open lead from SMS, in the pond. */
  OrgLead newPondLead() {
    return newLead(false);
  }

  /** A new org (see {@link #newOrg}) with a contact and its open lead from SMS, the owner's. */
  OrgLead newOwnedLead() {
    return newLead(true);
  }

  private OrgLead newLead(boolean owned) {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    Lead open = openLead(a, c.id(), null, Channel.SMS, T0);
    Lead l = owned ? open.withOwner(a.userId(), T0) : open;
    insert(a, c, l);
    return new OrgLead(a, c, l);
  }

  /** A new contact of the org (see {@link #contact}) made at {@code at}, committed. */
  Contact newContact(Actor actor, Instant at) {
    Contact c = contact(actor, at);
    write(actor, tx -> tx.contacts().insert(c));
    return c;
  }

  /**
   * A new contact of the org made at {@code at} and the lead {@code leadOf} makes of it, committed
   * in one transaction.
   */
  Lead newLead(Actor actor, Instant at, Function<Contact, Lead> leadOf) {
    Contact c = contact(actor, at);
    Lead l = leadOf.apply(c);
    insert(actor, c, l);
    return l;
  }

  private void insert(Actor actor, Contact c, Lead l) {
    write(
        actor,
        tx -> {
          tx.contacts().insert(c);
          tx.leads().insert(l);
        });
  }

  /**
   * An open lead of {@code contactId}: stage {@code new}, no campaign, ad, owner, fields, score,
   * outcome or language, made and last changed at {@code at}.
   */
  protected static Lead openLead(
      Actor actor, UUID contactId, @Nullable UUID threadId, @Nullable Channel source, Instant at) {
    return new Lead(
        UUID.randomUUID(),
        actor.orgId(),
        contactId,
        threadId,
        source,
        null,
        null,
        "new",
        null,
        Map.of(),
        null,
        null,
        null,
        at,
        at);
  }

  /**
   * An open thread {@code id} of {@code contactId}, unassigned and with no account ref, whose one
   * unread message came in at {@code at}; made and last changed at {@link #T0}.
   */
  protected static InboxThread openThread(
      Actor actor, UUID id, UUID contactId, Channel channel, String key, Instant at) {
    return new InboxThread(
        id,
        actor.orgId(),
        contactId,
        channel,
        null,
        key,
        ThreadStatus.OPEN,
        null,
        at,
        null,
        at,
        1,
        T0,
        T0);
  }

  protected static User user(UUID id) {
    return new User(id, id + "@example.test", "User " + id.toString().substring(0, 8), T0);
  }

  protected static DomainEvent event(Actor actor, String type, Instant at, Map<String, Object> p) {
    return new DomainEvent(
        UUID.randomUUID(),
        actor.orgId(),
        type,
        "org",
        actor.orgId().toString(),
        p,
        at,
        actor.userId(),
        actor.role());
  }

  protected static AuditEntry audit(Actor actor, String action, Instant at) {
    return new AuditEntry(
        UUID.randomUUID(),
        actor.orgId(),
        actor.userId(),
        actor.role(),
        action,
        "org",
        actor.orgId().toString(),
        Map.of("name", "before"),
        Map.of("name", "after"),
        "req-1",
        at);
  }

  protected static ApiKey apiKey(Actor actor, String hash, Instant at) {
    return new ApiKey(
        UUID.randomUUID(),
        actor.orgId(),
        actor.userId(),
        "key " + hash,
        "ofk_" + hash.substring(0, 4),
        hash,
        at,
        null);
  }

  static String randomHash() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  protected static ConnectorAccount connectorAccount(Actor actor, String externalId, Instant at) {
    return new ConnectorAccount(
        UUID.randomUUID(),
        actor.orgId(),
        ConnectorAccount.newAccountRef(),
        "meta",
        externalId,
        "Page " + externalId,
        List.of("pages_messaging", "pages_read_engagement"),
        HealthStatus.HEALTHY,
        "Connected.",
        null,
        at.plusSeconds(3600),
        at,
        at);
  }

  protected static OAuthState oauthState(Actor actor, String hash, Instant at) {
    return new OAuthState(
        hash,
        actor.orgId(),
        actor.userId(),
        "meta",
        "verifier-" + hash,
        URI.create("https://host.example/oauth/callback"),
        at,
        at.plusSeconds(600),
        null);
  }

  protected static Contact contact(Actor actor, Instant at) {
    return new Contact(UUID.randomUUID(), actor.orgId(), "Ana " + at, at, at, null);
  }

  protected static Identity identity(
      Actor actor, UUID contactId, IdentityKind kind, String value, Instant at) {
    return new Identity(
        UUID.randomUUID(), actor.orgId(), contactId, kind, " " + value + " ", value, at, at);
  }

  void write(Actor actor, Consumer<StoreTransaction> work) {
    store()
        .inTransaction(
            actor,
            tx -> {
              work.accept(tx);
              return null;
            });
  }

  /** Runs {@code work} in one transaction of the actor's org and returns what it returns. */
  <T> T in(Actor actor, Function<StoreTransaction, T> work) {
    return store().inTransaction(actor, work::apply);
  }

  Optional<Contact> findContact(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contacts().find(id));
  }

  Optional<Contact> lockContact(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contacts().lock(id));
  }

  Page<Contact> listContacts(Actor actor, PageRequest page) {
    return store().inTransaction(actor, tx -> tx.contacts().list(page));
  }

  Optional<Identity> findIdentity(Actor actor, IdentityKind kind, String value) {
    return store().inTransaction(actor, tx -> tx.contacts().findIdentity(kind, value));
  }

  List<Identity> identitiesOf(Actor actor, UUID contactId) {
    return store().inTransaction(actor, tx -> tx.contacts().identities(contactId));
  }

  Optional<ContactMerge> findMerge(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contactMerges().find(id));
  }

  List<ContactMerge> mergesOf(Actor actor, UUID contactId) {
    return store().inTransaction(actor, tx -> tx.contactMerges().listFor(contactId));
  }

  boolean markUndone(Actor actor, UUID id, Instant at) {
    return store().inTransaction(actor, tx -> tx.contactMerges().markUndone(id, at));
  }

  /** Asserts that {@code call} throws an {@link OmniFlowException} of {@code kind}. */
  static void assertKind(Runnable call, OmniFlowException.Kind kind) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OmniFlowException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  static void assertKind(Runnable call, OmniFlowException.Kind kind, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.code()).isEqualTo(code);
            });
  }
}
