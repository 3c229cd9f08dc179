package ai.omniflow.examples.server;

import ai.omniflow.CommonErrors;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.IssuedApiKey;
import ai.omniflow.tenancy.Org;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API. Each handler names its {@link Actor}, which {@link ActorResolver} authenticates,
 * and calls one OmniFlow service; OmniFlow checks the permissions. JSON field names are snake_case
 * (spring.jackson.property-naming-strategy), times ISO-8601 in UTC.
 */
@RestController
final class Api {
  private final OmniFlow omniFlow;
  private final DataSource dataSource;

  Api(OmniFlow omniFlow, DataSource dataSource) {
    this.omniFlow = omniFlow;
    this.dataSource = dataSource;
  }

  /** Liveness and database check; needs no identity. */
  @GetMapping("/healthz")
  Map<String, String> health() {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        throw OmniFlowException.unavailable(
            ServerErrors.DATABASE_UNAVAILABLE, "The database is down.");
      }
    } catch (SQLException e) {
      throw OmniFlowException.unavailable(
          ServerErrors.DATABASE_UNAVAILABLE, "The database is down.");
    }
    return Map.of("status", "ok");
  }

  @GetMapping("/me")
  Me me(Actor actor) {
    Org org = omniFlow.tenancy().org(actor);
    return new Me(
        actor.orgId(),
        actor.userId(),
        actor.role().wireName(),
        org.name(),
        org.packSlug(),
        org.packVersion());
  }

  @GetMapping("/verticals")
  Page<PackView> verticals(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    PageRequest page = page(limit, offset);
    String selected = omniFlow.tenancy().org(actor).packSlug();
    List<PackView> packs =
        omniFlow.packs().available(actor).stream()
            .map(p -> PackView.of(p, p.slug().equals(selected)))
            .toList();
    return Page.slice(packs, page);
  }

  @PostMapping("/verticals/select")
  OrgView selectPack(Actor actor, @Valid @RequestBody SelectPack body) {
    if (body.packSlug() == null || body.packSlug().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_pack_slug", "pack_slug is required.");
    }
    Org org = omniFlow.packs().select(actor, body.packSlug().strip());
    return OrgView.of(org, PlaybooksApi.invalid(omniFlow, actor));
  }

  @GetMapping("/events")
  Page<EventView> events(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    return omniFlow.events().list(actor, page(limit, offset)).map(EventView::of);
  }

  @GetMapping("/audit")
  Page<AuditView> audit(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    return omniFlow.audit().list(actor, page(limit, offset)).map(AuditView::of);
  }

  @PostMapping("/api-keys")
  ResponseEntity<IssuedKeyView> issueKey(Actor actor, @Valid @RequestBody IssueKey body) {
    if (body.userId() == null || body.userId().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_user_id", "user_id is required.");
    }
    UUID userId;
    try {
      userId = UUID.fromString(body.userId().strip());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput("invalid_user_id", "user_id must be a UUID.");
    }
    if (body.name() == null) {
      throw OmniFlowException.invalidInput("invalid_name", "name is required.");
    }
    IssuedApiKey issued = omniFlow.apiKeys().issue(actor, userId, body.name());
    return ResponseEntity.created(URI.create("/api-keys/" + issued.key().id()))
        .body(IssuedKeyView.of(issued));
  }

  @GetMapping("/api-keys")
  Page<KeyView> keys(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    PageRequest page = page(limit, offset);
    return Page.slice(omniFlow.apiKeys().list(actor).stream().map(KeyView::of).toList(), page);
  }

  @DeleteMapping("/api-keys/{id}")
  KeyView revokeKey(Actor actor, @PathVariable String id) {
    UUID keyId;
    try {
      keyId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.notFound("The API key");
    }
    return KeyView.of(omniFlow.apiKeys().revoke(actor, keyId));
  }

  /**
   * @throws OmniFlowException {@code invalid_paging} if either is not a number or out of range
   */
  static PageRequest page(String limit, String offset) {
    int l;
    int o;
    try {
      l = Integer.parseInt(limit.strip());
      o = Integer.parseInt(offset.strip());
    } catch (NumberFormatException e) {
      throw OmniFlowException.badRequest(
          CommonErrors.INVALID_PAGING, "limit and offset must be whole numbers.");
    }
    return PageRequest.of(l, o);
  }

  record SelectPack(@Nullable String packSlug) {}

  record IssueKey(@Nullable String userId, @Nullable String name) {}

  record Me(
      UUID orgId,
      @Nullable UUID userId,
      String role,
      String orgName,
      @Nullable String packSlug,
      @Nullable String packVersion) {}

  record PackView(String slug, String name, String version, String description, boolean selected) {
    static PackView of(VerticalPack p, boolean selected) {
      return new PackView(p.slug(), p.name(), p.version(), p.description(), selected);
    }
  }

  record OrgView(
      UUID id,
      String name,
      @Nullable String packSlug,
      @Nullable String packVersion,
      Instant createdAt,
      String defaultRegion,
      @Nullable String timeZone,
      boolean leadFormsBecomeLeads,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Nullable List<Map<String, @Nullable Object>> playbooksInvalid) {
    static OrgView of(Org o) {
      return of(o, null);
    }

    /**
     * The org, and after a change of its pack the org's playbooks that do not fit the pack now
     * ({@code playbooks_invalid}, decision 0087); left out of other answers.
     */
    static OrgView of(Org o, @Nullable List<Map<String, @Nullable Object>> playbooksInvalid) {
      return new OrgView(
          o.id(),
          o.name(),
          o.packSlug(),
          o.packVersion(),
          o.createdAt(),
          o.defaultRegion(),
          o.timeZone() == null ? null : o.timeZone().getId(),
          o.leadFormsBecomeLeads(),
          playbooksInvalid);
    }
  }

  record EventView(
      UUID id,
      UUID orgId,
      String type,
      String subjectType,
      String subjectId,
      Map<String, @Nullable Object> payload,
      Instant occurredAt,
      @Nullable UUID actorUserId,
      String actorRole) {
    static EventView of(DomainEvent e) {
      return new EventView(
          e.id(),
          e.orgId(),
          e.type(),
          e.subjectType(),
          e.subjectId(),
          e.payload(),
          e.occurredAt(),
          e.actorUserId(),
          e.actorRole().wireName());
    }
  }

  record AuditView(
      UUID id,
      UUID orgId,
      @Nullable UUID actorUserId,
      String actorRole,
      String action,
      String entityType,
      String entityId,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after,
      @Nullable String requestId,
      Instant occurredAt) {
    static AuditView of(AuditEntry a) {
      return new AuditView(
          a.id(),
          a.orgId(),
          a.actorUserId(),
          a.actorRole().wireName(),
          a.action(),
          a.entityType(),
          a.entityId(),
          a.before(),
          a.after(),
          a.requestId(),
          a.occurredAt());
    }
  }

  record KeyView(
      UUID id,
      UUID userId,
      String name,
      String prefix,
      Instant createdAt,
      @Nullable Instant revokedAt,
      @Nullable UUID issuedByUserId) {
    static KeyView of(ApiKey k) {
      return new KeyView(
          k.id(),
          k.userId(),
          k.name(),
          k.prefix(),
          k.createdAt(),
          k.revokedAt(),
          k.issuedByUserId());
    }
  }

  record IssuedKeyView(
      UUID id,
      UUID userId,
      String name,
      String prefix,
      Instant createdAt,
      @Nullable Instant revokedAt,
      @Nullable UUID issuedByUserId,
      String token) {
    static IssuedKeyView of(IssuedApiKey issued) {
      ApiKey k = issued.key();
      return new IssuedKeyView(
          k.id(),
          k.userId(),
          k.name(),
          k.prefix(),
          k.createdAt(),
          k.revokedAt(),
          k.issuedByUserId(),
          issued.token());
    }
  }
}
