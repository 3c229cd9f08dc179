package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The inbox service over a store: the in-memory one here; {@code omniflow-jdbc} runs the same tests
 * on PostgreSQL by overriding {@link #newStore()}.
 */
public class InboxServiceTest {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected Store store;
  protected OmniFlow omniFlow;
  protected Actor owner;
  protected Actor system;
  protected Actor agent;
  protected Actor otherOrgOwner;

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    omniFlow = OmniFlow.builder().store(store).clock(clock).build();
    owner = newOrg();
    system = Actor.system(owner.orgId());
    agent = member(owner, Role.AGENT);
    otherOrgOwner = newOrg();
  }

  protected Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER);
  }

  protected Actor member(Actor owner, Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", clock.instant());
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  protected Instant at(int minutes) {
    return Instant.parse("2026-11-25T11:00:00Z").plus(Duration.ofMinutes(minutes));
  }

  protected static InboundEvent.Message dm(
      String key, Channel channel, Sender sender, String text, Instant at) {
    return new InboundEvent.Message(
        key, "page-1", channel, "pm-" + key, sender, text, at, Referral.NONE);
  }

  protected IngestResult ingest(InboundEvent event) {
    return omniFlow.inbox().ingest(system, null, event);
  }

  long events(Actor a) {
    return omniFlow.events().list(a, PageRequest.first()).total();
  }

  long audits(Actor a) {
    return omniFlow.audit().list(a, PageRequest.first()).total();
  }

  long threads(Actor a) {
    return omniFlow.inbox().threads(a, ThreadFilter.ALL, PageRequest.first()).total();
  }

  long contacts(Actor a) {
    return omniFlow.contacts().list(a, PageRequest.first()).total();
  }

  List<String> eventTypes(Actor a) {
    return omniFlow.events().list(a, PageRequest.of(200, 0)).items().stream()
        .map(DomainEvent::type)
        .toList();
  }

  /** Checks that the call fails as expected and leaves events, audit, threads and contacts. */
  void assertRefusedWritingNothing(Actor a, Runnable call, String code) {
    long e = events(a);
    long au = audits(a);
    long t = threads(a);
    long c = contacts(a);
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class, ex -> assertThat(ex.code()).isEqualTo(code));
    assertThat(events(a)).isEqualTo(e);
    assertThat(audits(a)).isEqualTo(au);
    assertThat(threads(a)).isEqualTo(t);
    assertThat(contacts(a)).isEqualTo(c);
  }

  @Nested
  @DisplayName("Ingesting")
  class Ingesting {
    @Test
    void aCommentALeadFormAndAWhatsAppMessageFromOnePersonEndAsOneContact() {
      InboundEvent.Comment comment =
          new InboundEvent.Comment(
              "ig-comment-1",
              "ig-biz-1",
              Channel.INSTAGRAM_COMMENT,
              "c-1",
              null,
              new Sender("17841400001", "Ana", "+1 415 555 0101", null),
              "How much is the loft?",
              at(0),
              new Referral("cmp-1", null, "post-9"));
      InboundEvent.LeadForm form =
          new InboundEvent.LeadForm(
              "lead-77",
              "page-1",
              "lead-77",
              "form-3",
              new Sender(null, "Ana Lima", "(415) 555-0101", null),
              orderedFields(),
              at(5),
              new Referral("cmp-1", "ad-4", null));
      InboundEvent.Message whatsapp =
          dm("wamid.A1", Channel.WHATSAPP, Sender.ofHandle("14155550101"), "Still free?", at(9));

      IngestResult first = ingest(comment);
      IngestResult second = ingest(form);
      IngestResult third = ingest(whatsapp);

      assertThat(List.of(first, second, third))
          .extracting(IngestResult::contactId)
          .containsOnly(first.contactId());
      assertThat(List.of(first, second, third)).noneMatch(IngestResult::duplicate);
      assertThat(contacts(owner)).isEqualTo(1);
      assertThat(omniFlow.contacts().identities(owner, first.contactId()))
          .extracting(Identity::kind)
          .containsExactlyInAnyOrder(
              IdentityKind.INSTAGRAM_ID, IdentityKind.PHONE, IdentityKind.WHATSAPP_ID);
      assertThat(
              omniFlow
                  .inbox()
                  .threads(
                      owner, ThreadFilter.ALL.withContact(first.contactId()), PageRequest.first())
                  .items())
          .extracting(InboxThread::channel)
          .containsExactly(Channel.WHATSAPP, Channel.LEAD_FORM, Channel.INSTAGRAM_COMMENT);
      List<Touchpoint> touchpoints = omniFlow.inbox().touchpoints(owner, first.contactId());
      assertThat(touchpoints)
          .extracting(Touchpoint::channel)
          .containsExactly(Channel.INSTAGRAM_COMMENT, Channel.LEAD_FORM, Channel.WHATSAPP);
      assertThat(touchpoints.get(0).postId()).isEqualTo("post-9");
      assertThat(touchpoints.get(0).campaignId()).isEqualTo("cmp-1");
      assertThat(touchpoints.get(1).adId()).isEqualTo("ad-4");
      assertThat(touchpoints.get(2).sourceMessageId()).isEqualTo(third.messageId());
      Message formMessage =
          omniFlow.inbox().messages(owner, second.threadId(), PageRequest.first()).items().get(0);
      assertThat(formMessage.text()).contains("budget: 400k");
      assertThat(formMessage.direction()).isEqualTo(MessageDirection.INBOUND);
    }

    private static Map<String, String> orderedFields() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("full_name", "Ana Lima");
      f.put("budget", "400k");
      return f;
    }

    @Test
    void aNewConversationOpensAThreadAndWritesItsEventsAndAudit() {
      IngestResult r =
          ingest(dm("mid.1", Channel.INSTAGRAM_DM, Sender.ofHandle("ig-ana"), "Hi", at(0)));
      assertThat(eventTypes(owner).subList(0, 4))
          .as("the contact's language, detected from its first message, comes with its creation")
          .containsExactly(
              "touchpoint.recorded", "message.received", "thread.opened", "contact.created");
      InboxThread t = omniFlow.inbox().thread(owner, r.threadId());
      assertThat(t.status()).isEqualTo(ThreadStatus.OPEN);
      assertThat(t.unreadCount()).isEqualTo(1);
      assertThat(t.lastInboundAt()).isEqualTo(at(0));
      assertThat(t.lastActivityAt()).isEqualTo(at(0));
      assertThat(t.accountRef()).isNull();
      assertThat(omniFlow.audit().list(owner, PageRequest.first()).items())
          .extracting(a -> a.action())
          .contains("thread.open", "message.receive", "touchpoint.record");
    }

    @Test
    void aNewContactIsCreatedInTheLanguageOfItsFirstMessageAndAChangeLaterIsAnUpdate() {
      IngestResult first =
          ingest(
              dm(
                  "mid.es",
                  Channel.INSTAGRAM_DM,
                  Sender.ofHandle("ig-lola"),
                  "Hola, ¿sigue disponible la casa?",
                  at(0)));
      assertThat(omniFlow.contacts().contact(owner, first.contactId()).language()).isEqualTo("es");
      DomainEvent created = lastOfType("contact.created");
      assertThat(created.payload())
          .containsEntry("language", "es")
          .containsEntry("language_detected", true);
      assertThat(eventTypes(owner)).doesNotContain("contact.updated");

      ingest(
          dm(
              "mid.en",
              Channel.INSTAGRAM_DM,
              Sender.ofHandle("ig-lola"),
              "Is it still available on Saturday?",
              at(1)));
      assertThat(omniFlow.contacts().contact(owner, first.contactId()).language())
          .as("one Spanish, one English: a tie goes to the newest")
          .isEqualTo("en");
      assertThat(lastOfType("contact.updated").payload())
          .containsEntry("language", "en")
          .containsEntry("language_detected", true);
    }

    @Test
    void aNewContactWhoseFirstMessageShowsNoLanguageIsCreatedWithoutOne() {
      IngestResult r =
          ingest(dm("mid.ok", Channel.FACEBOOK_DM, Sender.ofHandle("psid-ok"), "ok", at(0)));
      assertThat(omniFlow.contacts().contact(owner, r.contactId()).language()).isNull();
      assertThat(lastOfType("contact.created").payload()).doesNotContainKey("language");
      assertThat(eventTypes(owner)).doesNotContain("contact.updated");
    }

    private DomainEvent lastOfType(String type) {
      return omniFlow.events().list(owner, PageRequest.of(200, 0)).items().stream()
          .filter(e -> e.type().equals(type))
          .findFirst()
          .orElseThrow();
    }

    @Test
    void aRedeliveredEventReturnsTheFirstResultAndWritesNothing() {
      InboundEvent.Message event =
          dm("mid.2", Channel.FACEBOOK_DM, Sender.ofHandle("psid-1"), "Hello", at(0));
      IngestResult first = ingest(event);
      long e = events(owner);
      long au = audits(owner);

      IngestResult again = ingest(event);

      assertThat(again.duplicate()).isTrue();
      assertThat(again)
          .isEqualTo(
              new IngestResult(
                  first.contactId(),
                  first.threadId(),
                  first.messageId(),
                  first.touchpointId(),
                  true));
      assertThat(events(owner)).isEqualTo(e);
      assertThat(audits(owner)).isEqualTo(au);
      assertThat(omniFlow.inbox().messages(owner, first.threadId(), PageRequest.first()).total())
          .isEqualTo(1);
      assertThat(omniFlow.inbox().thread(owner, first.threadId()).unreadCount()).isEqualTo(1);
      assertThat(omniFlow.inbox().touchpoints(owner, first.contactId())).hasSize(1);
    }

    @Test
    void theSameDedupeKeyInAnotherOrgIsAnotherEvent() {
      InboundEvent.Message event =
          dm("mid.3", Channel.SMS, Sender.ofHandle("+14155550111"), "Hi", at(0));
      ingest(event);
      IngestResult other =
          omniFlow.inbox().ingest(Actor.system(otherOrgOwner.orgId()), null, event);
      assertThat(other.duplicate()).isFalse();
      assertThat(threads(otherOrgOwner)).isEqualTo(1);
    }

    @Test
    void aSecondMessageJoinsTheThreadAndAClosedThreadOpensAgain() {
      Sender ana = Sender.ofHandle("ana@example.com");
      IngestResult first = ingest(dm("e-1", Channel.EMAIL, ana, "Hi", at(0)));
      omniFlow.inbox().close(agent, first.threadId());

      IngestResult second = ingest(dm("e-2", Channel.EMAIL, ana, "Anyone?", at(3)));

      assertThat(second.threadId()).isEqualTo(first.threadId());
      InboxThread t = omniFlow.inbox().thread(owner, first.threadId());
      assertThat(t.status()).isEqualTo(ThreadStatus.OPEN);
      assertThat(t.unreadCount()).isEqualTo(2);
      assertThat(t.lastInboundAt()).isEqualTo(at(3));
      assertThat(eventTypes(owner)).contains("thread.closed", "thread.reopened");
      assertThat(omniFlow.inbox().messages(owner, t.id(), PageRequest.first()).items())
          .extracting(Message::text)
          .containsExactly("Hi", "Anyone?");
    }

    @Test
    void theSameNumberWrittenTwoWaysIsOneSmsThread() {
      IngestResult a =
          ingest(dm("s-1", Channel.SMS, Sender.ofHandle("(415) 555-0142"), "Hi", at(0)));
      IngestResult b =
          ingest(dm("s-2", Channel.SMS, Sender.ofHandle("+1 415 555 0142"), "?", at(1)));
      assertThat(b.threadId()).isEqualTo(a.threadId());
      assertThat(omniFlow.inbox().thread(owner, a.threadId()).externalKey())
          .isEqualTo("dm:phone:+14155550142");
    }

    @Test
    void aConnectorAccountsRefKeepsItsThreadsApartFromTheMockEndpoints() {
      ConnectorAccount account =
          new ConnectorAccount(
              UUID.randomUUID(),
              owner.orgId(),
              ConnectorAccount.newAccountRef(),
              "meta",
              "page-1",
              "Page",
              List.of("pages_messaging"),
              HealthStatus.HEALTHY,
              "Connected.",
              null,
              null,
              at(0),
              at(0));
      store.inTransaction(
          system,
          tx -> {
            tx.connectorAccounts().insert(account);
            return null;
          });
      InboundEvent.Message first =
          dm("r-1", Channel.FACEBOOK_DM, Sender.ofHandle("psid-9"), "Hi", at(0));
      InboundEvent.Message second =
          dm("r-2", Channel.FACEBOOK_DM, Sender.ofHandle("psid-9"), "Hi", at(1));

      IngestResult viaAccount = omniFlow.inbox().ingest(system, account.accountRef(), first);
      IngestResult viaMock = ingest(second);

      assertThat(viaMock.contactId()).isEqualTo(viaAccount.contactId());
      assertThat(viaMock.threadId()).isNotEqualTo(viaAccount.threadId());
      assertThat(omniFlow.inbox().thread(owner, viaAccount.threadId()).accountRef())
          .isEqualTo(account.accountRef());
    }

    @Test
    void anUnknownAccountRefIsNotFoundAndWritesNothing() {
      assertRefusedWritingNothing(
          owner,
          () ->
              omniFlow
                  .inbox()
                  .ingest(
                      system,
                      "acct_missing",
                      dm("x-1", Channel.SMS, Sender.ofHandle("+14155550123"), "Hi", at(0))),
          "not_found");
    }

    @Test
    void aSenderWithoutAHandleForTheChannelIsRefusedWritingNothing() {
      assertRefusedWritingNothing(
          owner,
          () ->
              ingest(
                  dm(
                      "x-2",
                      Channel.INSTAGRAM_DM,
                      new Sender(null, "Ana", null, null),
                      "Hi",
                      at(0))),
          "unidentified_sender");
      assertRefusedWritingNothing(
          owner,
          () -> ingest(dm("x-3", Channel.SMS, Sender.ofHandle("not a phone"), "Hi", at(0))),
          "invalid_phone");
    }

    @Test
    void aViewerMayNotIngest() {
      Actor viewer = member(owner, Role.VIEWER);
      assertRefusedWritingNothing(
          owner,
          () ->
              omniFlow
                  .inbox()
                  .ingest(
                      viewer,
                      null,
                      dm("x-4", Channel.SMS, Sender.ofHandle("+14155550124"), "Hi", at(0))),
          "forbidden");
    }
  }

  @Nested
  @DisplayName("Delivery updates")
  class DeliveryUpdates {
    private Message outbound(UUID threadId) {
      Message m =
          new Message(
              UUID.randomUUID(),
              owner.orgId(),
              threadId,
              MessageDirection.OUTBOUND,
              "On it!",
              List.of(),
              "wamid.OUT1",
              DeliveryStatus.SENT,
              null,
              agent.userId(),
              at(1),
              at(1));
      store.inTransaction(
          system,
          tx -> {
            tx.inbox().insertMessage(m);
            return null;
          });
      return m;
    }

    private InboundEvent.DeliveryUpdate update(String key, DeliveryStatus s, String reason) {
      return new InboundEvent.DeliveryUpdate(
          key, "page-1", Channel.WHATSAPP, "wamid.OUT1", s, reason, at(2));
    }

    @Test
    void setTheOutboundMessagesStatusAndNeverGoBack() {
      IngestResult in =
          ingest(dm("w-1", Channel.WHATSAPP, Sender.ofHandle("14155550177"), "Hi", at(0)));
      Message m = outbound(in.threadId());

      IngestResult r = ingest(update("wamid.OUT1:read", DeliveryStatus.READ, null));
      ingest(update("wamid.OUT1:delivered", DeliveryStatus.DELIVERED, null));

      assertThat(r.messageId()).isEqualTo(m.id());
      assertThat(omniFlow.inbox().messages(owner, in.threadId(), PageRequest.first()).items())
          .filteredOn(x -> x.direction() == MessageDirection.OUTBOUND)
          .singleElement()
          .extracting(Message::deliveryStatus)
          .isEqualTo(DeliveryStatus.READ);
      assertThat(eventTypes(owner).stream().filter("message.delivery_updated"::equals)).hasSize(1);
    }

    @Test
    void recordAFailureWithItsReason() {
      IngestResult in =
          ingest(dm("w-2", Channel.WHATSAPP, Sender.ofHandle("14155550178"), "Hi", at(0)));
      outbound(in.threadId());
      ingest(update("wamid.OUT1:failed", DeliveryStatus.FAILED, "131047 re-engagement"));
      Message after =
          omniFlow.inbox().messages(owner, in.threadId(), PageRequest.first()).items().get(1);
      assertThat(after.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(after.failureReason()).isEqualTo("131047 re-engagement");
    }

    @Test
    void forAnUnknownMessageAreOnlyRemembered() {
      IngestResult r = ingest(update("nobody:read", DeliveryStatus.READ, null));
      assertThat(r).isEqualTo(new IngestResult(null, null, null, null, false));
      assertThat(ingest(update("nobody:read", DeliveryStatus.READ, null)).duplicate()).isTrue();
    }
  }

  @Nested
  @DisplayName("Reading and working threads")
  class Working {
    private IngestResult from(String handle, int minute) {
      return ingest(
          dm("k-" + handle, Channel.INSTAGRAM_DM, Sender.ofHandle(handle), "Hi", at(minute)));
    }

    @Test
    void threadsAreFilteredAndPagedLatestActivityFirst() {
      IngestResult a = from("ig-a", 0);
      IngestResult b = from("ig-b", 1);
      IngestResult c = ingest(dm("k-c", Channel.SMS, Sender.ofHandle("+14155550199"), "Yo", at(2)));
      omniFlow.inbox().assign(owner, b.threadId(), agent.userId());
      omniFlow.inbox().close(owner, a.threadId());

      Page<InboxThread> page1 =
          omniFlow.inbox().threads(agent, ThreadFilter.ALL, PageRequest.of(2, 0));
      assertThat(page1.total()).isEqualTo(3);
      assertThat(page1.items())
          .extracting(InboxThread::id)
          .containsExactly(c.threadId(), b.threadId());
      assertThat(omniFlow.inbox().threads(agent, ThreadFilter.ALL, PageRequest.of(2, 2)).items())
          .extracting(InboxThread::id)
          .containsExactly(a.threadId());
      assertThat(ids(ThreadFilter.ALL.withStatus(ThreadStatus.CLOSED)))
          .containsExactly(a.threadId());
      assertThat(ids(ThreadFilter.ALL.withChannel(Channel.INSTAGRAM_DM)))
          .containsExactly(b.threadId(), a.threadId());
      assertThat(ids(ThreadFilter.ALL.withAssignee(agent.userId()))).containsExactly(b.threadId());
      assertThat(ids(ThreadFilter.ALL.onlyUnassigned()))
          .containsExactly(c.threadId(), a.threadId());
      assertThat(ids(ThreadFilter.ALL.withContact(c.contactId()))).containsExactly(c.threadId());
    }

    private List<UUID> ids(ThreadFilter f) {
      return omniFlow.inbox().threads(agent, f, PageRequest.first()).items().stream()
          .map(InboxThread::id)
          .toList();
    }

    @Test
    void anotherOrgsThreadIsNotFound() {
      IngestResult r = from("ig-z", 0);
      for (Runnable call :
          List.<Runnable>of(
              () -> omniFlow.inbox().thread(otherOrgOwner, r.threadId()),
              () -> omniFlow.inbox().messages(otherOrgOwner, r.threadId(), PageRequest.first()),
              () -> omniFlow.inbox().touchpoints(otherOrgOwner, r.contactId()),
              () -> omniFlow.inbox().close(otherOrgOwner, r.threadId()),
              () -> omniFlow.inbox().markRead(otherOrgOwner, r.threadId()),
              () -> omniFlow.inbox().assign(otherOrgOwner, r.threadId(), otherOrgOwner.userId()))) {
        assertRefusedWritingNothing(otherOrgOwner, call, "not_found");
      }
      assertThat(omniFlow.inbox().thread(owner, r.threadId()).status())
          .isEqualTo(ThreadStatus.OPEN);
    }

    @Test
    void assigningToANonMemberIsRefusedWritingNothing() {
      IngestResult r = from("ig-y", 0);
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.inbox().assign(owner, r.threadId(), otherOrgOwner.userId()),
          "assignee_not_member");
      assertThat(omniFlow.inbox().thread(owner, r.threadId()).assigneeUserId()).isNull();
    }

    @Test
    void assignCloseAndMarkReadAreAuditedAndIdempotent() {
      IngestResult r = from("ig-x", 0);
      InboxThread assigned = omniFlow.inbox().assign(agent, r.threadId(), agent.userId());
      assertThat(assigned.assigneeUserId()).isEqualTo(agent.userId());
      long e = events(owner);
      omniFlow.inbox().assign(agent, r.threadId(), agent.userId());
      assertThat(events(owner)).isEqualTo(e);

      assertThat(omniFlow.inbox().markRead(agent, r.threadId()).unreadCount()).isZero();
      assertThat(omniFlow.inbox().close(agent, r.threadId()).status())
          .isEqualTo(ThreadStatus.CLOSED);
      long after = events(owner);
      omniFlow.inbox().close(agent, r.threadId());
      omniFlow.inbox().markRead(agent, r.threadId());
      assertThat(events(owner)).isEqualTo(after);
      assertThat(eventTypes(owner)).contains("thread.assigned", "thread.read", "thread.closed");
      assertThat(omniFlow.audit().list(owner, PageRequest.first()).items().get(0).action())
          .isEqualTo("thread.close");
    }

    @Test
    void aViewerReadsButMayNotWorkThreads() {
      IngestResult r = from("ig-w", 0);
      Actor viewer = member(owner, Role.VIEWER);
      assertThat(omniFlow.inbox().thread(viewer, r.threadId()).id()).isEqualTo(r.threadId());
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().close(viewer, r.threadId()), "forbidden");
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().assign(viewer, r.threadId(), viewer.userId()), "forbidden");
    }
  }

  @Nested
  @DisplayName("drafts and sending")
  class DraftsAndSending {
    private IngestResult dmAt(String handle, Instant at) {
      return ingest(
          dm("d-" + handle + at, Channel.INSTAGRAM_DM, Sender.ofHandle(handle), "hi", at));
    }

    @Test
    void aDraftIsSavedWithItsAuthorAndAudited() {
      IngestResult r = dmAt("ig-d1", clock.instant());
      long e = events(owner);

      Draft d = omniFlow.inbox().draft(agent, r.threadId(), "Happy to help!");

      assertThat(d.threadId()).isEqualTo(r.threadId());
      assertThat(d.authorUserId()).isEqualTo(agent.userId());
      assertThat(d.isSent()).isFalse();
      assertThat(events(owner)).isEqualTo(e + 1);
      assertThat(eventTypes(owner)).contains("draft.created");
    }

    @Test
    void anEmptyOrTooLongDraftOrAnotherOrgsThreadIsRefusedWritingNothing() {
      IngestResult r = dmAt("ig-d2", clock.instant());
      for (String bad : java.util.Arrays.asList(null, "", "   ", "x".repeat(Draft.MAX_TEXT + 1))) {
        assertRefusedWritingNothing(
            owner, () -> omniFlow.inbox().draft(owner, r.threadId(), bad), "invalid_draft");
      }
      assertThat(omniFlow.inbox().draft(owner, r.threadId(), "x".repeat(Draft.MAX_TEXT)).text())
          .hasSize(Draft.MAX_TEXT);
      assertRefusedWritingNothing(
          otherOrgOwner,
          () -> omniFlow.inbox().draft(otherOrgOwner, r.threadId(), "hi"),
          "not_found");
    }

    @Test
    void aLeadFormThreadCannotBeAnsweredAndItsDraftStaysADraft() {
      IngestResult form =
          omniFlow
              .inbox()
              .ingest(
                  Actor.system(owner.orgId()),
                  null,
                  new InboundEvent.LeadForm(
                      "lead-s9",
                      "page-1",
                      "lead-s9",
                      "form-3",
                      new Sender(null, "Ana Lima", "(415) 555-0109", null),
                      Map.of("full_name", "Ana Lima"),
                      clock.instant(),
                      Referral.NONE));
      Draft d = omniFlow.inbox().draft(owner, form.threadId(), "Thanks for the form!");

      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.inbox().send(owner, form.threadId(), d.id()),
          "channel_not_replyable");
      // Refused before the claim: a later send is refused the same way, not as `sending`.
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.inbox().send(owner, form.threadId(), d.id()),
          "channel_not_replyable");
    }

    @Test
    void sendIsRefusedByEachGuardrailWritingNothing() {
      IngestResult open = dmAt("ig-s1", clock.instant());
      Draft d = omniFlow.inbox().draft(owner, open.threadId(), "Hello");
      // The mock endpoint's thread has no connector account.
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, open.threadId(), d.id()), "no_channel_account");

      IngestResult old = dmAt("ig-s2", clock.instant().minus(Duration.ofHours(25)));
      Draft late = omniFlow.inbox().draft(owner, old.threadId(), "Hello");
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, old.threadId(), late.id()), "window_closed");

      omniFlow.inbox().optOut(owner, open.contactId());
      assertThat(omniFlow.inbox().isOptedOut(owner, open.contactId())).isTrue();
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, open.threadId(), d.id()), "contact_opted_out");

      omniFlow.inbox().close(owner, open.threadId());
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, open.threadId(), d.id()), "thread_closed");

      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, old.threadId(), d.id()), "not_found");
      assertRefusedWritingNothing(
          otherOrgOwner,
          () -> omniFlow.inbox().send(otherOrgOwner, open.threadId(), d.id()),
          "not_found");
      Actor viewer = member(owner, Role.VIEWER);
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(viewer, open.threadId(), d.id()), "forbidden");
    }

    @Test
    void optingOutTwiceChangesNothing() {
      IngestResult r = dmAt("ig-o1", clock.instant());
      omniFlow.inbox().optOut(owner, r.contactId());
      long e = events(owner);
      omniFlow.inbox().optOut(owner, r.contactId());
      assertThat(events(owner)).isEqualTo(e);
      assertThat(eventTypes(owner)).contains("contact.opted_out");
      assertRefusedWritingNothing(
          otherOrgOwner, () -> omniFlow.inbox().optOut(otherOrgOwner, r.contactId()), "not_found");
    }
  }

  @Nested
  @DisplayName("several events in one transaction")
  class SeveralEvents {
    private AccountEvent sms(String key, String phone, String text, int minute) {
      return new AccountEvent(null, dm(key, Channel.SMS, Sender.ofHandle(phone), text, at(minute)));
    }

    @Test
    void aContactCreatedByOneEventOfABatchTakesTheLanguageOfAllItsMessagesInIt() {
      List<IngestResult> r =
          omniFlow
              .inbox()
              .ingestAll(
                  system,
                  List.of(
                      sms("s-l1", "+14155550140", "Hello, is the house still available?", 1),
                      sms("s-m1", "+14155550141", "Buenas tardes, ¿cuánto cuesta?", 1),
                      sms("s-l2", "+14155550140", "Hola, ¿puedo verla el sábado?", 2)));
      assertThat(omniFlow.contacts().contact(owner, r.get(0).contactId()).language())
          .as("one English, then one Spanish in the same batch: a tie goes to the newest")
          .isEqualTo("es");
      assertThat(omniFlow.contacts().contact(owner, r.get(1).contactId()).language())
          .isEqualTo("es");
      assertThat(eventTypes(owner).stream().filter("contact.updated"::equals))
          .as("the second message of the first sender changed its language")
          .hasSize(1);
    }

    @Test
    @DisplayName(
        "events taken in together make what each makes alone: a thread and a message each, a"
            + " thread's messages in the order given, a redelivery in the list a duplicate, a STOP"
            + " withdrawn and a HELP drafted")
    void eventsTogetherMakeWhatEachMakesAlone() {
      List<AccountEvent> events =
          List.of(
              sms("s-a1", "+14155550130", "Hi", 1),
              sms("s-b1", "+14155550131", "Hello", 1),
              sms("s-a2", "+14155550130", "Are you there?", 2),
              sms("s-a1", "+14155550130", "Hi", 1),
              sms("s-c1", "+14155550132", "STOP", 3),
              sms("s-d1", "+14155550133", "HELP", 3));

      List<IngestResult> r = omniFlow.inbox().ingestAll(system, events);

      assertThat(r).hasSize(6);
      assertThat(r)
          .extracting(IngestResult::duplicate)
          .containsExactly(false, false, false, true, false, false);
      assertThat(r.get(3).messageId()).isEqualTo(r.get(0).messageId());
      assertThat(r.get(2).threadId()).isEqualTo(r.get(0).threadId());
      assertThat(threads(owner)).isEqualTo(4);
      assertThat(omniFlow.inbox().thread(owner, r.get(0).threadId()).unreadCount()).isEqualTo(2);
      assertThat(omniFlow.inbox().messages(owner, r.get(0).threadId(), PageRequest.first()).items())
          .extracting(Message::text)
          .containsExactlyInAnyOrder("Hi", "Are you there?");
      assertThat(omniFlow.inbox().consent(owner, r.get(4).contactId()).stateOf(Channel.SMS))
          .isEqualTo(ConsentState.WITHDRAWN);
      assertThat(eventTypes(owner).stream().filter("draft.created"::equals)).hasSize(1);
      assertThat(eventTypes(owner).stream().filter("message.received"::equals)).hasSize(5);
      assertThat(omniFlow.inbox().ingestAll(system, List.of())).isEmpty();
    }

    @Test
    @DisplayName(
        "an event that fails among others leaves nothing of any of them written, and more than"
            + " 50 events are refused before any is read")
    void oneFailingEventWritesNothingOfAny() {
      List<AccountEvent> events =
          List.of(
              sms("f-1", "+14155550140", "Hi", 1),
              new AccountEvent(
                  null, dm("f-2", Channel.INSTAGRAM_DM, Sender.ofHandle("two words"), "Hi", at(1))),
              sms("f-3", "+14155550141", "Hi", 1));
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().ingestAll(system, events), "invalid_handle");

      List<AccountEvent> tooMany = new ArrayList<>();
      for (int i = 0; i <= InboxService.MAX_INGEST_BATCH; i++) {
        tooMany.add(sms("m-" + i, "+14155550142", "Hi", 1));
      }
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().ingestAll(system, tooMany), "invalid_events");
      Actor viewer = member(owner, Role.VIEWER);
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().ingestAll(viewer, events.subList(0, 1)), "forbidden");
    }
  }

  @Nested
  @DisplayName("help keywords")
  class HelpKeywords {
    private IngestResult say(String handle, String text, int minute) {
      return ingest(
          dm("h-" + handle + "-" + minute, Channel.SMS, Sender.ofHandle(handle), text, at(minute)));
    }

    /** The drafts made for HELP, oldest first, read from their events. */
    private List<Draft> helpDrafts() {
      List<Draft> out = new java.util.ArrayList<>();
      List<ai.omniflow.events.DomainEvent> all =
          new java.util.ArrayList<>(omniFlow.events().list(owner, PageRequest.of(200, 0)).items());
      java.util.Collections.reverse(all);
      for (ai.omniflow.events.DomainEvent e : all) {
        if (e.type().equals("draft.created") && "help".equals(e.payload().get("reply_to"))) {
          UUID id = UUID.fromString((String) e.payload().get("draft_id"));
          out.add(store.inTransaction(owner, tx -> tx.inbox().lockDraft(id).orElseThrow()));
        }
      }
      return out;
    }

    @Test
    @DisplayName(
        "a HELP drafts the org's help text on its thread in the ingest and hands it to the send"
            + " path, which refuses it here for want of an account, leaving the draft")
    void aHelpDraftsTheDefaultHelpText() {
      IngestResult r = say("+14155550111", " help? ", 1);
      List<Draft> drafts = helpDrafts();
      assertThat(drafts).singleElement();
      assertThat(drafts.get(0).threadId()).isEqualTo(r.threadId());
      assertThat(drafts.get(0).text())
          .isEqualTo(
              "Org: for help, reply to this message and we will answer. Reply STOP to stop"
                  + " receiving messages.");
      assertThat(drafts.get(0).authorUserId()).isNull();
      assertThat(drafts.get(0).status()).isEqualTo(DraftStatus.DRAFT);
      assertThat(omniFlow.inbox().consent(owner, r.contactId()).history()).isEmpty();
    }

    @Test
    @DisplayName(
        "the org's own help text answers a HELP once it is set, and null restores the default")
    void theOrgsHelpTextAnswers() {
      omniFlow.tenancy().setHelpText(owner, "  Org: call (415) 555-0100. Reply STOP to opt out. ");
      say("+14155550112", "HELP", 1);
      assertThat(helpDrafts().get(0).text())
          .isEqualTo("Org: call (415) 555-0100. Reply STOP to opt out.");
      assertThat(eventTypes(owner)).contains("org.help_text_set");
      omniFlow.tenancy().setHelpText(owner, null);
      assertThat(omniFlow.tenancy().org(owner).helpText()).isNull();
    }

    @Test
    @DisplayName(
        "a STOP, a redelivered HELP and a HELP inside a sentence draft nothing; a HELP after STOP"
            + " is drafted and left to the guardrails")
    void stopFirstAndOneDraftPerHelp() {
      say("+14155550113", "STOP", 1);
      say("+14155550113", "I need help with the listing", 2);
      assertThat(helpDrafts()).isEmpty();
      InboundEvent.Message help =
          dm("h-again", Channel.SMS, Sender.ofHandle("+14155550113"), "HELP", at(3));
      ingest(help);
      ingest(help);
      assertThat(helpDrafts()).singleElement();
      assertThat(omniFlow.inbox().consent(owner, ingest(help).contactId()).stateOf(Channel.SMS))
          .isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    @DisplayName(
        "a help text blank, over 320 characters or holding NUL is refused, never echoed,"
            + " writing nothing; agents may not set it")
    void badHelpTextsAreRefused() {
      String tooLong = "H".repeat(Org.MAX_HELP_TEXT + 1);
      for (String bad : List.of(tooLong, "   ", "a\0b")) {
        assertRefusedWritingNothing(
            owner, () -> omniFlow.tenancy().setHelpText(owner, bad), "invalid_help_text");
      }
      assertThatThrownBy(() -> omniFlow.tenancy().setHelpText(owner, tooLong))
          .hasMessageNotContaining("HHHHHHHHHH");
      assertThatThrownBy(() -> omniFlow.tenancy().setHelpText(agent, "Hi"))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
      assertThat(omniFlow.tenancy().org(owner).helpText()).isNull();
      assertThat(Org.isHelpText("x".repeat(Org.MAX_HELP_TEXT))).isTrue();
    }
  }

  @Nested
  @DisplayName("consent")
  class Consent {
    private IngestResult say(String handle, Channel channel, String text, int minute) {
      return ingest(
          dm("c-" + handle + "-" + minute, channel, Sender.ofHandle(handle), text, at(minute)));
    }

    private ConsentState state(UUID contact, Channel channel) {
      return omniFlow.inbox().consent(owner, contact).stateOf(channel);
    }

    @Test
    void anInboundStopWithdrawsTheChannelInTheIngestAndASecondStopAddsNothing() {
      IngestResult first = say("+14155550101", Channel.SMS, "hi", 1);
      assertThat(state(first.contactId(), Channel.SMS)).isEqualTo(ConsentState.UNKNOWN);

      IngestResult stop = say("+14155550101", Channel.SMS, "  Stop. ", 2);
      ContactConsent c = omniFlow.inbox().consent(owner, stop.contactId());
      assertThat(c.stateOf(Channel.SMS)).isEqualTo(ConsentState.WITHDRAWN);
      assertThat(c.stateOf(Channel.WHATSAPP)).isEqualTo(ConsentState.UNKNOWN);
      assertThat(c.history()).hasSize(1);
      ConsentEntry e = c.history().get(0);
      assertThat(e.channel()).isEqualTo(Channel.SMS);
      assertThat(e.change()).isEqualTo(ConsentChange.OPTED_OUT);
      assertThat(e.source()).isEqualTo(ConsentSource.INBOUND_KEYWORD);
      assertThat(e.reason()).isEqualTo("Stop.");
      assertThat(e.messageId()).isEqualTo(stop.messageId());
      assertThat(eventTypes(owner)).contains("contact.opted_out");

      say("+14155550101", Channel.SMS, "STOP", 3);
      assertThat(omniFlow.inbox().consent(owner, stop.contactId()).history()).hasSize(1);
    }

    @Test
    void stopAllWithdrawsEveryChannelAndStartGivesBackOnlyItsOwn() {
      IngestResult r = say("+14155550102", Channel.WHATSAPP, "STOPALL", 1);
      for (Channel ch : Channel.values()) {
        assertThat(state(r.contactId(), ch)).as(ch.id()).isEqualTo(ConsentState.WITHDRAWN);
      }
      say("+14155550102", Channel.WHATSAPP, "unstop", 2);
      assertThat(state(r.contactId(), Channel.WHATSAPP)).isEqualTo(ConsentState.GIVEN);
      assertThat(state(r.contactId(), Channel.SMS)).isEqualTo(ConsentState.WITHDRAWN);
      List<ConsentEntry> history = omniFlow.inbox().consent(owner, r.contactId()).history();
      assertThat(history)
          .extracting(ConsentEntry::change)
          .containsExactly(ConsentChange.OPTED_IN, ConsentChange.OPTED_OUT);
      assertThat(history.get(1).channel()).isNull();
      assertThat(eventTypes(owner)).contains("contact.opted_in");
    }

    @Test
    void aStopInsideASentenceOrInAPublicCommentOrAHelpChangesNothing() {
      IngestResult r = say("ig-c1", Channel.INSTAGRAM_DM, "stop calling me at work", 1);
      say("ig-c1", Channel.INSTAGRAM_DM, "HELP", 2);
      ingest(
          new InboundEvent.Comment(
              "cm-1",
              "page-1",
              Channel.INSTAGRAM_COMMENT,
              "comment-1",
              null,
              Sender.ofHandle("ig-c1"),
              "STOP",
              at(3),
              new Referral(null, null, "post-1")));
      assertThat(omniFlow.inbox().consent(owner, r.contactId()).history()).isEmpty();
    }

    @Test
    void aReplyOnAWithdrawnChannelIsRefusedWritingNothingWhileOtherChannelsStillSend() {
      IngestResult r = say("ig-c2", Channel.INSTAGRAM_DM, "hi", 55);
      Draft d = omniFlow.inbox().draft(owner, r.threadId(), "Hello");
      say("ig-c2", Channel.INSTAGRAM_DM, "unsubscribe", 56);
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, r.threadId(), d.id()), "contact_opted_out");
      // START gives the channel back: the send now meets the next guardrail (no account here).
      say("ig-c2", Channel.INSTAGRAM_DM, "START", 57);
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().send(owner, r.threadId(), d.id()), "no_channel_account");
    }

    @Test
    void aRedeliveredStopIsOneEntry() {
      IngestResult first = say("+14155550103", Channel.SMS, "STOP", 1);
      IngestResult again = say("+14155550103", Channel.SMS, "STOP", 1);
      assertThat(again.duplicate()).isTrue();
      assertThat(omniFlow.inbox().consent(owner, first.contactId()).history()).hasSize(1);
    }

    @Test
    void concurrentStopsAndOptOutsOfOneContactAppendOneEntryEach() throws Exception {
      IngestResult r = say("+14155550104", Channel.SMS, "hi", 1);
      int n = 8;
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int k = i;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    if (k % 2 == 0) {
                      say("+14155550104", Channel.SMS, "STOP", 10 + k);
                    } else {
                      omniFlow.inbox().optOut(owner, r.contactId());
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<ConsentEntry> history = omniFlow.inbox().consent(owner, r.contactId()).history();
      // At most one SMS entry and one all-channels entry, whichever came first.
      assertThat(history).hasSizeBetween(1, 2);
      assertThat(history.stream().filter(e -> e.channel() == null)).hasSizeLessThanOrEqualTo(1);
      assertThat(history.stream().filter(e -> e.channel() == Channel.SMS))
          .hasSizeLessThanOrEqualTo(1);
      assertThat(omniFlow.inbox().consent(owner, r.contactId()).stateOf(Channel.EMAIL))
          .isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    void theApiOptOutIsAnAgentsEntryForEveryChannelAndAnotherOrgSeesNothing() {
      IngestResult r = say("ig-c3", Channel.INSTAGRAM_DM, "hi", 1);
      omniFlow.inbox().optOut(agent, r.contactId());
      ConsentEntry e = omniFlow.inbox().consent(owner, r.contactId()).history().get(0);
      assertThat(e.channel()).isNull();
      assertThat(e.source()).isEqualTo(ConsentSource.AGENT);
      assertThat(e.userId()).isEqualTo(agent.userId());
      assertRefusedWritingNothing(
          otherOrgOwner, () -> omniFlow.inbox().consent(otherOrgOwner, r.contactId()), "not_found");
      assertRefusedWritingNothing(
          owner, () -> omniFlow.inbox().consent(owner, UUID.randomUUID()), "not_found");
    }
  }
}
