package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.IssuedApiKey;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The core services over the in-memory store: permissions, events and audit, bad input. */
class OmniFlowServicesTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static VerticalPack pack(String slug) {
    return new VerticalPack(
        slug,
        "Pack " + slug,
        "1.0.0",
        "For tests.",
        List.of(),
        List.of(
            new VerticalPack.Stage("new", "New", null),
            new VerticalPack.Stage("won", "Won", "won"),
            new VerticalPack.Stage("lost", "Lost", "lost")),
        List.of(),
        Map.of());
  }

  OmniFlow omniFlow;
  UUID orgId;
  User owner;
  Actor ownerActor;

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .store(new InMemoryStore())
            .packCatalog(PackCatalog.of(List.of(pack("generic"), pack("real-estate"))))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    orgId = UUID.randomUUID();
    owner = new User(UUID.randomUUID(), "Owner@Example.test", "Olga Owner", NOW);
    omniFlow.tenancy().createOrg(orgId, "Bay Realty", owner);
    ownerActor = Actor.of(orgId, owner.id(), Role.OWNER).withRequestId("req-1");
  }

  Actor member(Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", NOW);
    omniFlow.tenancy().addMember(ownerActor, u, role);
    return Actor.of(orgId, u.id(), role);
  }

  long eventCount() {
    return omniFlow.events().list(ownerActor, PageRequest.first()).total();
  }

  long auditCount() {
    return omniFlow.audit().list(ownerActor, PageRequest.first()).total();
  }

  void assertNothingWritten(Runnable bad, Consumer<OmniFlowException> check) {
    long events = eventCount();
    long audit = auditCount();
    assertThatThrownBy(bad::run).isInstanceOfSatisfying(OmniFlowException.class, check::accept);
    assertThat(eventCount()).isEqualTo(events);
    assertThat(auditCount()).isEqualTo(audit);
  }

  @Nested
  @DisplayName("Creating an org")
  class CreatingAnOrg {
    @Test
    void makesTheFirstUserItsOwnerAndRecordsEventsAndAudit() {
      assertThat(omniFlow.tenancy().members(ownerActor))
          .singleElement()
          .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
      assertThat(omniFlow.tenancy().user(ownerActor, owner.id()).email())
          .isEqualTo("owner@example.test");
      List<DomainEvent> events = omniFlow.events().list(ownerActor, PageRequest.first()).items();
      assertThat(events)
          .extracting(DomainEvent::type)
          .containsExactly("membership.created", "org.created");
      assertThat(events.get(1).actorUserId()).isNull();
      assertThat(omniFlow.audit().list(ownerActor, PageRequest.first()).items())
          .extracting(AuditEntry::action)
          .containsExactly("membership.create", "org.create");
    }

    @Test
    void twiceIsAConflictThatWritesNothing() {
      User other = new User(UUID.randomUUID(), "other@example.test", "Other", NOW);
      assertNothingWritten(
          () -> omniFlow.tenancy().createOrg(orgId, "Again", other),
          e -> assertThat(e.code()).isEqualTo("org_exists"));
      assertThat(omniFlow.tenancy().findOrg(orgId))
          .get()
          .extracting(Org::name)
          .isEqualTo("Bay Realty");
    }
  }

  @Nested
  @DisplayName("Selecting a pack")
  class SelectingAPack {
    @Test
    void isAuditedWithBeforeAfterAndTheRequestIdAndEmitsAnEvent() {
      Org org = omniFlow.packs().select(ownerActor, "real-estate");
      assertThat(org.packSlug()).isEqualTo("real-estate");
      assertThat(omniFlow.packs().current(ownerActor))
          .get()
          .extracting(VerticalPack::slug)
          .isEqualTo("real-estate");

      DomainEvent event = omniFlow.events().list(ownerActor, PageRequest.first()).items().get(0);
      assertThat(event.type()).isEqualTo("org.pack_selected");
      assertThat(event.payload()).containsEntry("pack_slug", "real-estate");
      assertThat(event.actorUserId()).isEqualTo(owner.id());

      AuditEntry audit = omniFlow.audit().list(ownerActor, PageRequest.first()).items().get(0);
      assertThat(audit.action()).isEqualTo("org.select_pack");
      assertThat(audit.requestId()).isEqualTo("req-1");
      assertThat(audit.before()).containsEntry("pack_slug", null);
      assertThat(audit.after()).containsEntry("pack_slug", "real-estate");
    }

    @Test
    void theSamePackAgainRecordsNothingNew() {
      omniFlow.packs().select(ownerActor, "generic");
      long events = eventCount();
      omniFlow.packs().select(ownerActor, "generic");
      assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anUnknownSlugIsInvalidInputThatWritesNothing() {
      assertNothingWritten(
          () -> omniFlow.packs().select(ownerActor, "dentist"),
          e -> {
            assertThat(e.code()).isEqualTo("unknown_pack");
            assertThat(e.kind().httpStatus()).isEqualTo(422);
          });
    }

    @Test
    void anUnknownSlugIsQuotedAtMostEightyCharactersLong() {
      String hostile = "dentist" + "x".repeat(5_000);
      assertNothingWritten(
          () -> omniFlow.packs().select(ownerActor, hostile),
          e -> {
            assertThat(e.code()).isEqualTo("unknown_pack");
            assertThat(e.getMessage())
                .contains("'" + hostile.substring(0, 80) + "…'")
                .doesNotContain(hostile.substring(0, 81));
          });
    }

    @Test
    void aViewerOrAgentOrManagerIsForbiddenAndNothingIsWritten() {
      for (Role role : List.of(Role.VIEWER, Role.AGENT, Role.MANAGER)) {
        Actor actor = member(role);
        assertNothingWritten(
            () -> omniFlow.packs().select(actor, "generic"),
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
      }
      assertThat(omniFlow.tenancy().org(ownerActor).packSlug()).isNull();
    }
  }

  @Nested
  @DisplayName("Tenancy")
  class Tenancy {
    @Test
    void anotherOrgsActorSeesNoneOfThisOrgsEventsOrAudit() {
      UUID otherOrg = UUID.randomUUID();
      User other = new User(UUID.randomUUID(), "b@example.test", "B", NOW);
      omniFlow.tenancy().createOrg(otherOrg, "Other", other);
      Actor b = Actor.of(otherOrg, other.id(), Role.OWNER);
      omniFlow.packs().select(ownerActor, "generic");

      assertThat(omniFlow.events().list(b, PageRequest.first()).items())
          .allSatisfy(e -> assertThat(e.orgId()).isEqualTo(otherOrg));
      assertThat(omniFlow.audit().list(b, PageRequest.first()).items())
          .noneMatch(a -> a.action().equals("org.select_pack"));
      assertThatThrownBy(() -> omniFlow.tenancy().user(b, owner.id()))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwn() {
      Actor admin = member(Role.ADMIN);
      User u = new User(UUID.randomUUID(), "x@example.test", "X", NOW);
      assertNothingWritten(
          () -> omniFlow.tenancy().addMember(admin, u, Role.OWNER),
          e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
    }

    @Test
    void onlyOwnersAndAdminsReadTheAuditLog() {
      Actor manager = member(Role.MANAGER);
      assertThatThrownBy(() -> omniFlow.audit().list(manager, PageRequest.first()))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
      assertThat(omniFlow.events().list(member(Role.VIEWER), PageRequest.first()).total())
          .isPositive();
    }
  }

  @Nested
  @DisplayName("Authentication")
  class Authentication {
    @Test
    void theEffectiveRoleIsNeverAboveTheMembership() {
      Actor agent = member(Role.AGENT);
      Actor asked = omniFlow.authenticator().resolve(orgId, agent.userId(), Role.OWNER, "r");
      assertThat(asked.role()).isEqualTo(Role.AGENT);
      Actor lower = omniFlow.authenticator().resolve(orgId, agent.userId(), Role.VIEWER, "r");
      assertThat(lower.role()).isEqualTo(Role.VIEWER);
      assertThat(omniFlow.authenticator().resolve(orgId, agent.userId(), null, "r").role())
          .isEqualTo(Role.AGENT);
    }

    @Test
    void aUserWhoIsNotAMemberOrAnUnknownOrgIsUnauthenticated() {
      assertThatThrownBy(
              () -> omniFlow.authenticator().resolve(orgId, UUID.randomUUID(), null, null))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.kind().httpStatus()).isEqualTo(401));
      assertThatThrownBy(
              () -> omniFlow.authenticator().resolve(UUID.randomUUID(), owner.id(), null, null))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.kind().httpStatus()).isEqualTo(401));
    }

    @Test
    void anApiKeyAuthenticatesAsItsUserUntilRevokedAndOnlyItsHashIsKept() {
      Actor agent = member(Role.AGENT);
      IssuedApiKey issued = omniFlow.apiKeys().issue(ownerActor, agent.userId(), "CRM sync");
      assertThat(issued.token()).startsWith("ofk_" + orgId.toString().replace("-", ""));
      assertThat(issued.toString()).doesNotContain(issued.token());
      assertThat(issued.key().secretHash()).doesNotContain(issued.token()).hasSize(64);

      Actor actor = omniFlow.apiKeys().authenticate(issued.token(), "req-2");
      assertThat(actor).isEqualTo(new Actor(orgId, agent.userId(), Role.AGENT, "req-2"));

      ApiKey revoked = omniFlow.apiKeys().revoke(ownerActor, issued.key().id());
      assertThat(revoked.revokedAt()).isEqualTo(NOW);
      assertThatThrownBy(() -> omniFlow.apiKeys().authenticate(issued.token(), null))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.kind().httpStatus()).isEqualTo(401));
      assertThat(omniFlow.audit().list(ownerActor, PageRequest.first()).items())
          .extracting(AuditEntry::action)
          .contains("api_key.issue", "api_key.revoke");
      assertThat(omniFlow.audit().list(ownerActor, PageRequest.of(200, 0)).items().toString())
          .doesNotContain(issued.token())
          .doesNotContain(issued.key().secretHash());
    }

    @Test
    void malformedForgedOrOtherOrgTokensAreUnauthenticated() {
      IssuedApiKey issued = omniFlow.apiKeys().issue(ownerActor, owner.id(), "k");
      String forgedOrg =
          "ofk_" + UUID.randomUUID().toString().replace("-", "") + issued.token().substring(36);
      for (String bad :
          List.of(
              "", "Bearer x", "ofk_123_abc", forgedOrg, issued.token().substring(0, 70) + "A")) {
        assertThatThrownBy(() -> omniFlow.apiKeys().authenticate(bad, null))
            .as(bad)
            .isInstanceOfSatisfying(
                OmniFlowException.class, e -> assertThat(e.kind().httpStatus()).isEqualTo(401));
      }
    }

    @Test
    void onlyOwnersAndAdminsIssueKeysAndOnlyForMembers() {
      Actor agent = member(Role.AGENT);
      assertNothingWritten(
          () -> omniFlow.apiKeys().issue(agent, agent.userId(), "mine"),
          e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
      assertNothingWritten(
          () -> omniFlow.apiKeys().issue(ownerActor, UUID.randomUUID(), "ghost"),
          e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }

    @Test
    void anAdminCannotMintAnOwnersKeyButIssuesForThemselfAndLesserRolesNamingTheIssuer() {
      Actor admin = member(Role.ADMIN);
      Actor otherAdmin = member(Role.ADMIN);
      Actor agent = member(Role.AGENT);
      assertNothingWritten(
          () -> omniFlow.apiKeys().issue(admin, owner.id(), "escalate"),
          e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));

      IssuedApiKey own = omniFlow.apiKeys().issue(admin, admin.userId(), "mine");
      IssuedApiKey peer = omniFlow.apiKeys().issue(admin, otherAdmin.userId(), "peer");
      IssuedApiKey forAgent = omniFlow.apiKeys().issue(admin, agent.userId(), "agent");
      assertThat(List.of(own, peer, forAgent))
          .extracting(k -> k.key().issuedByUserId())
          .containsOnly(admin.userId());
      assertThat(omniFlow.apiKeys().list(ownerActor))
          .extracting(ApiKey::issuedByUserId)
          .containsOnly(admin.userId());
      AuditEntry issued = omniFlow.audit().list(ownerActor, PageRequest.first()).items().get(0);
      assertThat(issued.action()).isEqualTo("api_key.issue");
      assertThat(issued.actorUserId()).isEqualTo(admin.userId());
      assertThat(issued.after())
          .containsEntry("user_id", agent.userId().toString())
          .containsEntry("issued_by_user_id", admin.userId().toString());
    }
  }
}
