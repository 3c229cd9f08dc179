package ai.omniflow.contacts;

import static ai.omniflow.contacts.IdentityKind.EMAIL;
import static ai.omniflow.contacts.IdentityKind.INSTAGRAM_ID;
import static ai.omniflow.contacts.IdentityKind.MESSENGER_PSID;
import static ai.omniflow.contacts.IdentityKind.PHONE;
import static ai.omniflow.contacts.IdentityKind.WHATSAPP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import ai.omniflow.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contact service over a store: the in-memory one here; {@code omniflow-jdbc} runs the same
 * tests on PostgreSQL by overriding {@link #newStore()}.
 */
public class ContactServiceTest {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected Store store;
  protected OmniFlow omniFlow;
  protected Actor owner;
  protected Actor agent;
  protected Actor otherOrgOwner;

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  /** How many random cases the property tests try. */
  protected int propertyTries() {
    return 100;
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    omniFlow = OmniFlow.builder().store(store).clock(clock).build();
    owner = newOrg();
    agent = member(owner, Role.AGENT);
    otherOrgOwner = newOrg();
  }

  protected Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER).withRequestId("req-" + org);
  }

  Actor member(Actor owner, Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", clock.instant());
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  protected Contact resolve(Actor actor, IdentityClaim... claims) {
    return omniFlow.contacts().resolve(actor, List.of(claims), null);
  }

  static IdentityClaim claim(IdentityKind kind, String handle) {
    return IdentityClaim.of(kind, handle);
  }

  long events(Actor a) {
    return omniFlow.events().list(a, PageRequest.first()).total();
  }

  long audits(Actor a) {
    return omniFlow.audit().list(a, PageRequest.first()).total();
  }

  long contacts(Actor a) {
    return omniFlow.contacts().list(a, PageRequest.first()).total();
  }

  DomainEvent lastEvent(Actor a) {
    return omniFlow.events().list(a, PageRequest.first()).items().get(0);
  }

  AuditEntry lastAudit(Actor a) {
    return omniFlow.audit().list(a, PageRequest.first()).items().get(0);
  }

  /** Checks that the call fails as expected and leaves events, audit and contacts as they were. */
  void assertRefusedWritingNothing(
      Actor a, Runnable call, OmniFlowException.Kind kind, String code, String messagePart) {
    long e = events(a);
    long au = audits(a);
    long c = contacts(a);
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            ex -> {
              assertThat(ex.kind()).isEqualTo(kind);
              assertThat(ex.code()).isEqualTo(code);
              assertThat(ex.getMessage()).contains(messagePart);
            });
    assertThat(events(a)).as("events").isEqualTo(e);
    assertThat(audits(a)).as("audit entries").isEqualTo(au);
    assertThat(contacts(a)).as("contacts").isEqualTo(c);
  }

  @Nested
  @DisplayName("Resolving identities")
  class Resolving {
    @Test
    void theSamePhoneWrittenThreeWaysIsOneContactWithOneIdentity() {
      Contact first = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      clock.advance(Duration.ofMinutes(1));
      Contact second = resolve(owner, claim(PHONE, "(415) 555-0123"));
      clock.advance(Duration.ofMinutes(1));
      Contact third = resolve(owner, claim(PHONE, "415-555-0123"));
      assertThat(List.of(second.id(), third.id())).containsOnly(first.id());
      List<Identity> identities = omniFlow.contacts().identities(owner, first.id());
      assertThat(identities).hasSize(1);
      Identity phone = identities.get(0);
      assertThat(phone.kind()).isEqualTo(PHONE);
      assertThat(phone.normalizedValue()).isEqualTo("+14155550123");
      assertThat(phone.handle()).isEqualTo("+1 415 555 0123");
      assertThat(phone.firstSeenAt()).isEqualTo(first.createdAt());
      assertThat(phone.lastSeenAt()).isEqualTo(clock.instant());
      assertThat(contacts(owner)).isEqualTo(1);
    }

    @Test
    void emailsMatchWhateverTheirCaseAndSurroundingSpaceButGmailDotsAreKept() {
      Contact ana = resolve(owner, claim(EMAIL, " Ana.Lima@Example.COM "));
      assertThat(resolve(owner, claim(EMAIL, "ana.lima@example.com")).id()).isEqualTo(ana.id());
      assertThat(omniFlow.contacts().identities(owner, ana.id()))
          .extracting(Identity::normalizedValue)
          .containsExactly("ana.lima@example.com");
      assertThat(resolve(owner, claim(EMAIL, "analima@example.com")).id()).isNotEqualTo(ana.id());
      assertThat(resolve(owner, claim(EMAIL, "ana.lima+leads@example.com")).id())
          .isNotEqualTo(ana.id());
    }

    @Test
    void platformIdsMatchAsGivenAndOnlyWithinTheirKind() {
      Contact psid = resolve(owner, claim(MESSENGER_PSID, "24680"));
      assertThat(resolve(owner, claim(MESSENGER_PSID, " 24680 ")).id()).isEqualTo(psid.id());
      assertThat(resolve(owner, claim(INSTAGRAM_ID, "24680")).id()).isNotEqualTo(psid.id());
      Contact wa = resolve(owner, claim(WHATSAPP_ID, "AbC"));
      assertThat(resolve(owner, claim(WHATSAPP_ID, "abc")).id()).isNotEqualTo(wa.id());
    }

    @Test
    void aNumberWithoutCountryCodeIsReadInTheOrgsDefaultRegion() {
      assertThat(omniFlow.tenancy().org(owner).defaultRegion()).isEqualTo("US");
      long e = events(owner);
      Org org = omniFlow.tenancy().setDefaultRegion(owner, " gb ");
      assertThat(org.defaultRegion()).isEqualTo("GB");
      assertThat(omniFlow.tenancy().org(owner).defaultRegion()).isEqualTo("GB");
      assertThat(events(owner)).isEqualTo(e + 1);
      assertThat(lastEvent(owner).type()).isEqualTo("org.default_region_set");
      AuditEntry audit = lastAudit(owner);
      assertThat(audit.action()).isEqualTo("org.set_default_region");
      assertThat(audit.before()).containsEntry("default_region", "US");
      assertThat(audit.after()).containsEntry("default_region", "GB");
      // Setting it again changes and records nothing.
      omniFlow.tenancy().setDefaultRegion(owner, "GB");
      assertThat(events(owner)).isEqualTo(e + 1);

      Contact london = resolve(owner, claim(PHONE, "020 7946 0018"));
      assertThat(omniFlow.contacts().identities(owner, london.id()))
          .extracting(Identity::normalizedValue)
          .containsExactly("+442079460018");
      assertThat(resolve(owner, claim(PHONE, "+44 20 7946 0018")).id()).isEqualTo(london.id());
      // A number with its country code is read the same in any region.
      Contact sf = resolve(owner, claim(PHONE, "+1 (415) 555-0123"));
      Contact sfInUs = resolve(otherOrgOwner, claim(PHONE, "415 555 0123"));
      assertThat(omniFlow.contacts().identities(owner, sf.id()).get(0).normalizedValue())
          .isEqualTo(
              omniFlow.contacts().identities(otherOrgOwner, sfInUs.id()).get(0).normalizedValue());
    }

    @Test
    void theDefaultRegionIsSetOnlyByOwnersAndAdminsAndOnlyToARealRegion() {
      for (String bad : List.of("XX", "USA", "", "AQ")) {
        assertRefusedWritingNothing(
            owner,
            () -> omniFlow.tenancy().setDefaultRegion(owner, bad),
            OmniFlowException.Kind.INVALID_INPUT,
            "invalid_region",
            "default_region");
      }
      for (Role role : List.of(Role.MANAGER, Role.AGENT, Role.VIEWER)) {
        Actor a = member(owner, role);
        assertRefusedWritingNothing(
            owner,
            () -> omniFlow.tenancy().setDefaultRegion(a, "GB"),
            OmniFlowException.Kind.FORBIDDEN,
            "forbidden",
            role.wireName());
      }
      assertThat(
              omniFlow.tenancy().setDefaultRegion(member(owner, Role.ADMIN), "DE").defaultRegion())
          .isEqualTo("DE");
    }

    @Test
    void aNewContactIsRecordedWithoutAnyHandleInTheLogs() {
      long e = events(owner);
      long au = audits(owner);
      Contact c =
          omniFlow
              .contacts()
              .resolve(
                  owner,
                  List.of(claim(PHONE, "+1 415 555 0123"), claim(EMAIL, "ana@example.com")),
                  "  Ana Lima ");
      assertThat(c.displayName()).isEqualTo("Ana Lima");
      assertThat(c.mergedIntoId()).isNull();
      assertThat(c.orgId()).isEqualTo(owner.orgId());
      assertThat(events(owner)).isEqualTo(e + 1);
      assertThat(audits(owner)).isEqualTo(au + 1);
      DomainEvent event = lastEvent(owner);
      assertThat(event.type()).isEqualTo("contact.created");
      assertThat(event.subjectId()).isEqualTo(c.id().toString());
      AuditEntry audit = lastAudit(owner);
      assertThat(audit.action()).isEqualTo("contact.create");
      assertThat(audit.before()).isNull();
      assertThat(audit.after()).containsEntry("display_name", "Ana Lima");
      String logs = event.payload().toString() + audit.after();
      assertThat(logs).doesNotContain("4155550123").doesNotContain("ana@example.com");
      assertThat(omniFlow.contacts().contact(owner, c.id())).isEqualTo(c);
    }

    @Test
    void aKnownHandleBringsItsNewCompanionsAndANameToTheSameContact() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      assertThat(c.displayName()).isNull();
      clock.advance(Duration.ofMinutes(5));
      long e = events(owner);
      Contact again =
          omniFlow
              .contacts()
              .resolve(
                  owner,
                  List.of(claim(EMAIL, "ana@example.com"), claim(PHONE, "(415) 555-0123")),
                  "Ana");
      assertThat(again.id()).isEqualTo(c.id());
      assertThat(again.displayName()).isEqualTo("Ana");
      assertThat(again.updatedAt()).isEqualTo(clock.instant());
      assertThat(omniFlow.contacts().identities(owner, c.id()))
          .extracting(Identity::kind)
          .containsExactly(PHONE, EMAIL);
      assertThat(events(owner)).isEqualTo(e + 1);
      assertThat(lastEvent(owner).type()).isEqualTo("contact.updated");
      assertThat(lastAudit(owner).before()).containsEntry("display_name", null);
      // A later name does not replace the one known.
      assertThat(
              omniFlow
                  .contacts()
                  .resolve(owner, List.of(claim(EMAIL, "ANA@example.com")), "Someone Else")
                  .displayName())
          .isEqualTo("Ana");
    }

    @Test
    void resolvingKnownHandlesAgainOnlyMovesTheirLastSeenTime() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"), claim(EMAIL, "a@example.com"));
      long e = events(owner);
      long au = audits(owner);
      clock.advance(Duration.ofHours(2));
      assertThat(resolve(owner, claim(EMAIL, "A@example.com"), claim(PHONE, "4155550123")).id())
          .isEqualTo(c.id());
      assertThat(events(owner)).isEqualTo(e);
      assertThat(audits(owner)).isEqualTo(au);
      assertThat(omniFlow.contacts().identities(owner, c.id()))
          .allSatisfy(
              i -> {
                assertThat(i.lastSeenAt()).isEqualTo(clock.instant());
                assertThat(i.firstSeenAt()).isEqualTo(c.createdAt());
              });
    }

    @Test
    void claimsMatchingTwoContactsMergeThemAutomaticallyIntoTheOldest() {
      Contact byPhone = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      clock.advance(Duration.ofMinutes(1));
      Contact byEmail =
          resolve(owner, claim(EMAIL, "ana@example.com"), claim(INSTAGRAM_ID, "ig-1"));
      clock.advance(Duration.ofMinutes(1));
      long e = events(owner);

      Contact one =
          resolve(
              owner,
              claim(EMAIL, "Ana@Example.com"),
              claim(MESSENGER_PSID, "psid-7"),
              claim(PHONE, "415.555.0123"));

      assertThat(one.id()).isEqualTo(byPhone.id());
      assertThat(omniFlow.contacts().identities(owner, one.id()))
          .extracting(Identity::kind)
          .containsExactlyInAnyOrder(PHONE, EMAIL, INSTAGRAM_ID, MESSENGER_PSID);
      Contact gone = omniFlow.contacts().contact(owner, byEmail.id());
      assertThat(gone.mergedIntoId()).isEqualTo(byPhone.id());
      assertThat(omniFlow.contacts().identities(owner, byEmail.id())).isEmpty();
      assertThat(omniFlow.contacts().list(owner, PageRequest.first()).items())
          .extracting(Contact::id)
          .containsExactly(byPhone.id());

      List<ContactMerge> merges = omniFlow.contacts().merges(owner, byEmail.id());
      assertThat(merges).hasSize(1);
      ContactMerge m = merges.get(0);
      assertThat(m.automatic()).isTrue();
      assertThat(m.survivorId()).isEqualTo(byPhone.id());
      assertThat(m.mergedId()).isEqualTo(byEmail.id());
      assertThat(m.movedIdentityIds()).hasSize(2);
      assertThat(m.mergedByUserId()).isEqualTo(owner.userId());

      // The merge, then the new identity attached to the survivor.
      List<DomainEvent> recent =
          omniFlow.events().list(owner, PageRequest.first()).items().subList(0, 2);
      assertThat(events(owner)).isEqualTo(e + 2);
      assertThat(recent)
          .extracting(DomainEvent::type)
          .contains("contact.merged", "contact.updated");
      DomainEvent merged =
          recent.stream().filter(x -> x.type().equals("contact.merged")).findFirst().orElseThrow();
      assertThat(merged.payload()).containsEntry("automatic", true);
      assertThat(merged.payload()).containsEntry("merge_id", m.id().toString());

      // An automatic merge is undone like any other.
      omniFlow.contacts().unmerge(agent, m.id());
      assertThat(omniFlow.contacts().identities(owner, byEmail.id()))
          .extracting(Identity::kind)
          .containsExactly(EMAIL, INSTAGRAM_ID);
    }

    @Test
    void duplicateClaimsInOneCallCountOnce() {
      Contact c = resolve(owner, claim(PHONE, "+14155550123"), claim(PHONE, "(415) 555-0123"));
      assertThat(omniFlow.contacts().identities(owner, c.id())).hasSize(1);
    }

    @Test
    void findByHandleNormalizesLikeResolve() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      assertThat(omniFlow.contacts().findByHandle(owner, PHONE, "(415) 555-0123")).contains(c);
      assertThat(omniFlow.contacts().findByHandle(otherOrgOwner, PHONE, "(415) 555-0123"))
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("The language a contact writes in")
  class Languages {
    private int sent;

    /** The contact of {@code handle} after it sent {@code text} on WhatsApp. */
    private Contact says(String handle, String text) {
      sent++;
      InboundEvent.Message m =
          new InboundEvent.Message(
              "lang-" + handle + "-" + sent,
              "page-1",
              Channel.WHATSAPP,
              "pm-" + handle + "-" + sent,
              Sender.ofHandle(handle),
              text,
              clock.instant().minusSeconds(60 - sent),
              Referral.NONE);
      UUID id = omniFlow.inbox().ingest(Actor.system(owner.orgId()), null, m).contactId();
      return omniFlow.contacts().contact(owner, id);
    }

    @Test
    void anAgentSetsTheLanguageInCanonicalCaseAndItIsAudited() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      clock.advance(Duration.ofMinutes(1));

      Contact set = omniFlow.contacts().setLanguage(agent, c.id(), " ES-mx ");

      assertThat(set.language()).isEqualTo("es-MX");
      assertThat(set.languageSetByAgent()).isTrue();
      assertThat(set.updatedAt()).isEqualTo(clock.instant());
      assertThat(omniFlow.contacts().contact(owner, c.id())).isEqualTo(set);
      assertThat(lastEvent(owner).type()).isEqualTo(ContactEvents.CONTACT_UPDATED);
      assertThat(lastEvent(owner).payload()).containsEntry("language", "es-MX");
      assertThat(lastAudit(owner).action()).isEqualTo(ContactEvents.AUDIT_CONTACT_UPDATE);
    }

    @Test
    void settingTheSameLanguageAgainWritesNothing() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact set = omniFlow.contacts().setLanguage(agent, c.id(), "es");
      long e = events(owner);
      clock.advance(Duration.ofMinutes(1));
      assertThat(omniFlow.contacts().setLanguage(agent, c.id(), "ES")).isEqualTo(set);
      assertThat(events(owner)).isEqualTo(e);
    }

    @Test
    void aMalformedOrLongTagIsRefusedWithoutEchoingItAndNothingIsWritten() {
      Contact c = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      String longTag = "es-" + "x".repeat(5000);
      for (String bad : List.of("", "e", "español", "es_MX", "es-MX-extra", "12", longTag)) {
        assertRefusedWritingNothing(
            owner,
            () -> omniFlow.contacts().setLanguage(agent, c.id(), bad),
            OmniFlowException.Kind.INVALID_INPUT,
            "invalid_language",
            "BCP 47");
      }
      assertThatThrownBy(() -> omniFlow.contacts().setLanguage(agent, c.id(), longTag))
          .hasMessageNotContaining("xxxxxxxx");
      assertThat(omniFlow.contacts().contact(owner, c.id()).language()).isNull();
    }

    @Test
    void anUnknownContactOrOneOfAnotherOrgIsNotFoundAndAViewerMayNotSetIt() {
      Contact theirs = resolve(otherOrgOwner, claim(PHONE, "+1 415 555 0199"));
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().setLanguage(agent, UUID.randomUUID(), "es"),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found",
          "contact");
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().setLanguage(owner, theirs.id(), "es"),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found",
          "contact");
      Contact mine = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      assertThatThrownBy(
              () -> omniFlow.contacts().setLanguage(member(owner, Role.VIEWER), mine.id(), "es"))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              ex -> assertThat(ex.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
    }

    @Test
    void aContactWhoWritesSpanishIsDetectedAsSpanishByTheMajorityOfTheirLatestMessages() {
      assertThat(says("14155550101", "ok").language()).as("no evidence").isNull();
      assertThat(says("14155550101", "Hola, ¿sigue disponible la casa?").language())
          .isEqualTo("es");
      assertThat(says("14155550101", "cuanto cuesta?").language()).isEqualTo("es");
      Contact c = says("14155550101", "Is it still available?");
      assertThat(c.language()).as("two Spanish against one English").isEqualTo("es");
      assertThat(c.languageSetByAgent()).isFalse();
      says("14155550101", "What is the price?");
      c = says("14155550101", "Can I see it on Saturday?");
      assertThat(c.language()).as("the last five: three English, two Spanish").isEqualTo("en");
    }

    @Test
    void detectionLeavesALanguageAnAgentSetAndResumesWhenTheAgentClearsIt() {
      Contact c = says("14155550102", "Hello, is it available?");
      assertThat(c.language()).isEqualTo("en");
      omniFlow.contacts().setLanguage(agent, c.id(), "es-MX");
      c = says("14155550102", "Is the price firm?");
      assertThat(c.language()).isEqualTo("es-MX");
      assertThat(c.languageSetByAgent()).isTrue();

      Contact cleared = omniFlow.contacts().setLanguage(agent, c.id(), null);
      assertThat(cleared.language()).isNull();
      assertThat(cleared.languageSetByAgent()).isFalse();
      assertThat(says("14155550102", "Gracias, ¿cuándo puedo verla?").language())
          .as("the last five with evidence: two English, one Spanish")
          .isEqualTo("en");
    }

    @Test
    void aDetectedLanguageKeepsTheRegionOfTheTagTheContactHadAndATieGoesToTheNewest() {
      Contact mx =
          resolve(owner, claim(PHONE, "+1 415 555 0123"))
              .withLanguage("es-MX", false, clock.instant());
      ContactLanguages rule = ContactLanguages.ofDefaults();
      assertThat(rule.decide(mx, List.of("hola buenas tardes"))).isEqualTo("es-MX");
      assertThat(rule.decide(mx, List.of("hola buenas tardes", "is it still available?")))
          .isEqualTo("en");
      assertThat(rule.decide(mx, List.of("k", "👍"))).as("no evidence").isEqualTo("es-MX");
    }
  }

  @Nested
  @DisplayName("Refusing bad input to resolve, writing nothing")
  class RefusingBadInput {
    void refused(List<IdentityClaim> claims, String code, String field) {
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().resolve(owner, claims, "Ana"),
          OmniFlowException.Kind.INVALID_INPUT,
          code,
          field);
    }

    @Test
    void anInvalidPhoneAfterAValidOneIsRefusedNamingTheField() {
      for (String bad : List.of("12", "not a number", "+1 415 555", "+999 123 456 789", "++")) {
        refused(
            List.of(claim(EMAIL, "ok@example.com"), claim(PHONE, bad)),
            "invalid_phone",
            "claims[1].handle");
      }
      assertThat(omniFlow.contacts().findByHandle(owner, EMAIL, "ok@example.com")).isEmpty();
    }

    @Test
    void anInvalidEmailIsRefusedNamingTheField() {
      for (String bad :
          List.of(
              "ana",
              "ana@",
              "@example.com",
              "ana@@example.com",
              "ana lima@example.com",
              "ana@example",
              "ana@.example.com",
              "ana@example.com.")) {
        refused(List.of(claim(EMAIL, bad)), "invalid_email", "claims[0].handle");
      }
    }

    @Test
    void blankOrOverlongHandlesAndPlatformIdsWithSpacesAreRefused() {
      refused(List.of(claim(MESSENGER_PSID, "   ")), "invalid_handle", "claims[0].handle");
      refused(List.of(claim(PHONE, "")), "invalid_handle", "claims[0].handle");
      refused(List.of(claim(INSTAGRAM_ID, "x".repeat(321))), "invalid_handle", "claims[0].handle");
      refused(List.of(claim(WHATSAPP_ID, "12 34")), "invalid_handle", "claims[0].handle");
    }

    @Test
    void noClaimsTooManyOrANullOneAreRefused() {
      refused(List.of(), "invalid_claims", "claims");
      List<IdentityClaim> many = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        many.add(claim(MESSENGER_PSID, "p" + i));
      }
      refused(many, "invalid_claims", "claims");
      List<IdentityClaim> withNull = new ArrayList<>();
      withNull.add(claim(EMAIL, "a@example.com"));
      withNull.add(null);
      refused(withNull, "invalid_claims", "claims[1]");
    }

    @Test
    void anOverlongDisplayNameIsRefused() {
      assertRefusedWritingNothing(
          owner,
          () ->
              omniFlow
                  .contacts()
                  .resolve(owner, List.of(claim(EMAIL, "a@example.com")), "x".repeat(201)),
          OmniFlowException.Kind.INVALID_INPUT,
          "invalid_display_name",
          "display_name");
    }

    @Test
    void aViewerMayReadButNotResolve() {
      Actor viewer = member(owner, Role.VIEWER);
      assertRefusedWritingNothing(
          owner,
          () -> resolve(viewer, claim(EMAIL, "a@example.com")),
          OmniFlowException.Kind.FORBIDDEN,
          "forbidden",
          "viewer");
      Contact c = resolve(agent, claim(EMAIL, "a@example.com"));
      assertThat(omniFlow.contacts().contact(viewer, c.id())).isEqualTo(c);
    }
  }

  @Nested
  @DisplayName("Merging and unmerging")
  class MergingAndUnmerging {
    @Test
    void anAgentMergesTwoContactsAndUnmergeRestoresBothExactly() {
      Contact a =
          omniFlow
              .contacts()
              .resolve(
                  owner,
                  List.of(claim(PHONE, "+1 415 555 0123"), claim(EMAIL, "ana@example.com")),
                  "Ana");
      clock.advance(Duration.ofMinutes(1));
      Contact b =
          omniFlow
              .contacts()
              .resolve(
                  owner,
                  List.of(claim(MESSENGER_PSID, "psid-1"), claim(INSTAGRAM_ID, "ig-1")),
                  "ana_insta");
      List<Identity> aBefore = omniFlow.contacts().identities(owner, a.id());
      List<Identity> bBefore = omniFlow.contacts().identities(owner, b.id());
      clock.advance(Duration.ofMinutes(1));
      long e = events(owner);
      long au = audits(owner);

      ContactMerge m = omniFlow.contacts().merge(agent, a.id(), b.id(), "  same person  ");

      assertThat(m.survivorId()).isEqualTo(a.id());
      assertThat(m.mergedId()).isEqualTo(b.id());
      assertThat(m.reason()).isEqualTo("same person");
      assertThat(m.automatic()).isFalse();
      assertThat(m.mergedByUserId()).isEqualTo(agent.userId());
      assertThat(m.movedIdentityIds()).containsExactlyElementsOf(ids(bBefore));
      assertThat(omniFlow.contacts().identities(owner, a.id())).hasSize(4);
      assertThat(omniFlow.contacts().identities(owner, b.id())).isEmpty();
      Contact bMerged = omniFlow.contacts().contact(owner, b.id());
      assertThat(bMerged.mergedIntoId()).isEqualTo(a.id());
      assertThat(bMerged.displayName()).isEqualTo("ana_insta");
      assertThat(omniFlow.contacts().list(owner, PageRequest.first()).items())
          .extracting(Contact::id)
          .containsExactly(a.id());
      assertThat(events(owner)).isEqualTo(e + 1);
      assertThat(audits(owner)).isEqualTo(au + 1);
      DomainEvent merged = lastEvent(owner);
      assertThat(merged.type()).isEqualTo("contact.merged");
      assertThat(merged.actorUserId()).isEqualTo(agent.userId());
      assertThat(merged.payload())
          .containsEntry("automatic", false)
          .containsEntry("survivor_id", a.id().toString())
          .containsEntry("merged_id", b.id().toString());
      AuditEntry audit = lastAudit(owner);
      assertThat(audit.action()).isEqualTo("contact.merge");
      assertThat(audit.before()).containsKeys("survivor", "merged");
      assertThat(audit.after()).containsKeys("survivor", "merged");

      clock.advance(Duration.ofMinutes(1));
      ContactMerge undone = omniFlow.contacts().unmerge(agent, m.id());

      assertThat(undone.unmergedAt()).isEqualTo(clock.instant());
      assertThat(omniFlow.contacts().identities(owner, a.id())).isEqualTo(aBefore);
      assertThat(omniFlow.contacts().identities(owner, b.id())).isEqualTo(bBefore);
      Contact bBack = omniFlow.contacts().contact(owner, b.id());
      assertThat(bBack.mergedIntoId()).isNull();
      assertThat(bBack.displayName()).isEqualTo(b.displayName());
      assertThat(omniFlow.contacts().contact(owner, a.id()).displayName()).isEqualTo("Ana");
      assertThat(contacts(owner)).isEqualTo(2);
      assertThat(events(owner)).isEqualTo(e + 2);
      assertThat(lastEvent(owner).type()).isEqualTo("contact.unmerged");
      assertThat(lastAudit(owner).action()).isEqualTo("contact.unmerge");
      assertThat(omniFlow.contacts().merges(owner, a.id())).containsExactly(undone);
      // Each handle resolves to its own contact again.
      assertThat(resolve(owner, claim(INSTAGRAM_ID, "ig-1")).id()).isEqualTo(b.id());
      assertThat(resolve(owner, claim(EMAIL, "ana@example.com")).id()).isEqualTo(a.id());
    }

    @Test
    void identitiesTheSurvivorGainedAfterTheMergeStayWithIt() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact b = resolve(owner, claim(EMAIL, "b@example.com"));
      ContactMerge m = omniFlow.contacts().merge(agent, a.id(), b.id(), null);
      resolve(owner, claim(EMAIL, "b@example.com"), claim(MESSENGER_PSID, "later"));
      omniFlow.contacts().unmerge(agent, m.id());
      assertThat(omniFlow.contacts().identities(owner, a.id()))
          .extracting(Identity::normalizedValue)
          .containsExactly("+14155550123", "later");
      assertThat(omniFlow.contacts().identities(owner, b.id()))
          .extracting(Identity::normalizedValue)
          .containsExactly("b@example.com");
    }

    @Test
    void unmergingTwiceIsAConflictAndWritesNothing() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact b = resolve(owner, claim(EMAIL, "b@example.com"));
      ContactMerge m = omniFlow.contacts().merge(agent, a.id(), b.id(), null);
      omniFlow.contacts().unmerge(agent, m.id());
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().unmerge(agent, m.id()),
          OmniFlowException.Kind.CONFLICT,
          "merge_undone",
          "undone");
    }

    @Test
    void mergingAContactWithItselfIsInvalidAndWritesNothing() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().merge(agent, a.id(), a.id(), "oops"),
          OmniFlowException.Kind.INVALID_INPUT,
          "merge_self",
          "itself");
    }

    @Test
    void mergingWithAContactMergedAwayIsAConflictAndWritesNothing() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact b = resolve(owner, claim(EMAIL, "b@example.com"));
      Contact c = resolve(owner, claim(EMAIL, "c@example.com"));
      omniFlow.contacts().merge(agent, a.id(), b.id(), null);
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().merge(agent, c.id(), b.id(), null),
          OmniFlowException.Kind.CONFLICT,
          "contact_merged",
          b.id().toString());
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().merge(agent, b.id(), c.id(), null),
          OmniFlowException.Kind.CONFLICT,
          "contact_merged",
          a.id().toString());
    }

    @Test
    void unmergingAfterTheSurvivorWasMergedAwayAsksToUndoThatFirst() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact b = resolve(owner, claim(EMAIL, "b@example.com"));
      Contact c = resolve(owner, claim(EMAIL, "c@example.com"));
      ContactMerge first = omniFlow.contacts().merge(agent, a.id(), b.id(), null);
      ContactMerge second = omniFlow.contacts().merge(agent, c.id(), a.id(), null);
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().unmerge(agent, first.id()),
          OmniFlowException.Kind.CONFLICT,
          "survivor_merged",
          "first");
      omniFlow.contacts().unmerge(agent, second.id());
      omniFlow.contacts().unmerge(agent, first.id());
      assertThat(contacts(owner)).isEqualTo(3);
      assertThat(omniFlow.contacts().identities(owner, b.id()))
          .extracting(Identity::normalizedValue)
          .containsExactly("b@example.com");
    }

    @Test
    void anotherOrgsContactsAndMergesAreNotFoundAndNothingIsWritten() {
      Contact mine = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact mine2 = resolve(owner, claim(EMAIL, "b@example.com"));
      Contact theirs = resolve(otherOrgOwner, claim(PHONE, "+1 415 555 0123"));
      assertThat(theirs.id()).isNotEqualTo(mine.id());
      ContactMerge myMerge = omniFlow.contacts().merge(agent, mine.id(), mine2.id(), null);
      for (Runnable call :
          List.<Runnable>of(
              () -> omniFlow.contacts().merge(agent, mine.id(), theirs.id(), null),
              () -> omniFlow.contacts().merge(agent, theirs.id(), mine.id(), null),
              () -> omniFlow.contacts().merge(agent, mine.id(), UUID.randomUUID(), null),
              () -> omniFlow.contacts().unmerge(otherOrgOwner, myMerge.id()),
              () -> omniFlow.contacts().unmerge(agent, UUID.randomUUID()),
              () -> omniFlow.contacts().contact(agent, theirs.id()),
              () -> omniFlow.contacts().identities(agent, theirs.id()),
              () -> omniFlow.contacts().merges(agent, theirs.id()))) {
        assertRefusedWritingNothing(
            owner, call, OmniFlowException.Kind.NOT_FOUND, "not_found", "not found");
        assertRefusedWritingNothing(
            otherOrgOwner, call, OmniFlowException.Kind.NOT_FOUND, "not_found", "not found");
      }
      assertThat(omniFlow.contacts().identities(otherOrgOwner, theirs.id())).hasSize(1);
    }

    @Test
    void viewersMayNotMergeAndOverlongReasonsAreRefused() {
      Contact a = resolve(owner, claim(PHONE, "+1 415 555 0123"));
      Contact b = resolve(owner, claim(EMAIL, "b@example.com"));
      Actor viewer = member(owner, Role.VIEWER);
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().merge(viewer, a.id(), b.id(), null),
          OmniFlowException.Kind.FORBIDDEN,
          "forbidden",
          "merge");
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().merge(agent, a.id(), b.id(), "x".repeat(501)),
          OmniFlowException.Kind.INVALID_INPUT,
          "invalid_reason",
          "reason");
      ContactMerge m = omniFlow.contacts().merge(agent, a.id(), b.id(), null);
      assertRefusedWritingNothing(
          owner,
          () -> omniFlow.contacts().unmerge(viewer, m.id()),
          OmniFlowException.Kind.FORBIDDEN,
          "forbidden",
          "merge");
    }
  }

  static List<UUID> ids(List<Identity> identities) {
    return identities.stream().map(Identity::id).toList();
  }

  /** Two random sets of identities, of distinct handles, for two contacts. */
  record TwoPeople(List<IdentityClaim> first, List<IdentityClaim> second, boolean firstSurvives) {}

  static TwoPeople twoPeople(Random r) {
    List<IdentityClaim> all = new ArrayList<>();
    int n = 2 + r.nextInt(7);
    String run = Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
    for (int i = 0; i < n; i++) {
      IdentityKind kind = IdentityKind.values()[r.nextInt(IdentityKind.values().length)];
      String handle =
          switch (kind) {
            case PHONE -> String.format("(415) %03d-%04d", 200 + i, r.nextInt(10_000));
            case EMAIL -> (r.nextBoolean() ? "Person" : "person") + i + "." + run + "@Example.com";
            default -> kind.wireName() + "-" + i + "-" + run;
          };
      all.add(claim(kind, handle));
    }
    Collections.shuffle(all, r);
    int cut = 1 + r.nextInt(n - 1);
    return new TwoPeople(
        List.copyOf(all.subList(0, cut)), List.copyOf(all.subList(cut, n)), r.nextBoolean());
  }

  @Nested
  @DisplayName("Properties")
  class Properties {
    @Test
    void unmergeOfMergeRestoresBothContactsAndTheirIdentities() {
      PropertyCheck.forAll(
          propertyTries(),
          ContactServiceTest::twoPeople,
          people -> {
            Actor org = newOrg();
            Contact x = omniFlow.contacts().resolve(org, people.first(), "X");
            clock.advance(Duration.ofSeconds(1));
            Contact y = omniFlow.contacts().resolve(org, people.second(), null);
            Contact survivor = people.firstSurvives() ? x : y;
            Contact merged = people.firstSurvives() ? y : x;
            List<Identity> survivorBefore = omniFlow.contacts().identities(org, survivor.id());
            List<Identity> mergedBefore = omniFlow.contacts().identities(org, merged.id());

            ContactMerge m = omniFlow.contacts().merge(org, survivor.id(), merged.id(), "p");
            assertThat(omniFlow.contacts().identities(org, survivor.id()))
                .containsExactlyInAnyOrderElementsOf(
                    concat(survivorBefore, mergedBefore).stream()
                        .map(i -> i.movedTo(survivor.id()))
                        .toList());
            assertThat(m.movedIdentityIds()).containsExactlyElementsOf(ids(mergedBefore));

            omniFlow.contacts().unmerge(org, m.id());
            assertThat(omniFlow.contacts().identities(org, survivor.id()))
                .isEqualTo(survivorBefore);
            assertThat(omniFlow.contacts().identities(org, merged.id())).isEqualTo(mergedBefore);
            assertThat(omniFlow.contacts().contact(org, merged.id()).mergedIntoId()).isNull();
            assertThat(omniFlow.contacts().contact(org, x.id()).displayName()).isEqualTo("X");
            assertThat(omniFlow.contacts().contact(org, y.id()).displayName()).isNull();
            for (IdentityClaim c : people.first()) {
              assertThat(omniFlow.contacts().findByHandle(org, c.kind(), c.handle()))
                  .get()
                  .extracting(Contact::id)
                  .isEqualTo(x.id());
            }
          });
    }
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
