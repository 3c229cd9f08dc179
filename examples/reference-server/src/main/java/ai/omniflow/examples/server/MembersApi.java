package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.TenancyErrors;
import ai.omniflow.tenancy.User;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's members, so that roles can be managed and tested without SQL: list, add (a role at most
 * the caller's), change a role (never above the caller's; the last owner stays), remove. OmniFlow's
 * {@code TenancyService} checks every rule.
 */
@RestController
final class MembersApi {
  private final OmniFlow omniFlow;

  MembersApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** Every membership of the org, oldest first, with the member's e-mail and name. */
  @GetMapping("/members")
  List<MemberView> members(Actor actor) {
    return omniFlow.tenancy().members(actor).stream()
        .map(m -> MemberView.of(m, omniFlow.tenancy().user(actor, m.userId())))
        .toList();
  }

  /** 201 with the new member; 409 {@code user_exists} if the org has a user with the e-mail. */
  @PostMapping("/members")
  ResponseEntity<MemberView> add(Actor actor, @Valid @RequestBody AddMember body) {
    if (body.role() == null) {
      throw OmniFlowException.invalidInput(TenancyErrors.INVALID_ROLE, "role is required.");
    }
    Role role = role(body.role());
    User user =
        new User(
            UUID.randomUUID(),
            body.email() == null ? "" : body.email(),
            body.name() == null ? "" : body.name(),
            omniFlow.clock().instant());
    Membership m = omniFlow.tenancy().addMember(actor, user, role);
    return ResponseEntity.created(URI.create("/members/" + user.id())).body(MemberView.of(m, user));
  }

  /** The member with the new role; 409 {@code last_owner} when demoting the only owner. */
  @PutMapping("/members/{userId}")
  MemberView changeRole(
      Actor actor, @PathVariable String userId, @Valid @RequestBody ChangeRole body) {
    if (body.role() == null) {
      throw OmniFlowException.invalidInput(TenancyErrors.INVALID_ROLE, "role is required.");
    }
    UUID id = userId(userId);
    Membership m = omniFlow.tenancy().changeRole(actor, id, role(body.role()));
    return MemberView.of(m, omniFlow.tenancy().user(actor, id));
  }

  /** 204; 409 {@code last_owner} when removing the only owner. */
  @DeleteMapping("/members/{userId}")
  ResponseEntity<Void> remove(Actor actor, @PathVariable String userId) {
    omniFlow.tenancy().removeMember(actor, userId(userId));
    return ResponseEntity.noContent().build();
  }

  private static Role role(String raw) {
    if (raw.length() > 20) {
      throw OmniFlowException.invalidInput(
          TenancyErrors.INVALID_ROLE, "role must be owner, admin, manager, agent or viewer.");
    }
    return Role.parse(raw);
  }

  private static UUID userId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.notFound("The member");
    }
  }

  record AddMember(@Nullable String email, @Nullable String name, @Nullable String role) {}

  record ChangeRole(@Nullable String role) {}

  record MemberView(UUID userId, String email, String name, String role, Instant createdAt) {
    static MemberView of(Membership m, User u) {
      return new MemberView(
          m.userId(), u.email(), u.displayName(), m.role().wireName(), m.createdAt());
    }
  }
}
