package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Snapshots;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.internal.OrgSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Orgs and their members. Obtain it from {@link ai.omniflow.OmniFlow#tenancy()}.
 *
 * <pre>{@code
 * Org org = omniFlow.tenancy().createOrg(orgId, "Bay Realty", owner);
 * omniFlow.tenancy().addMember(ownerActor, agentUser, Role.AGENT);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TenancyService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(TenancyService.class, w -> new TenancyService(w.store(), w.clock()));
  }

  private final Store store;
  private final Clock clock;
  private final OrgSettings settings;

  TenancyService(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = new OrgSettings(store, clock);
  }

  /**
   * The id of every org, for work that sweeps org by org as OmniFlow itself (health checks, offer
   * expiry, token resealing). Not for a tenant's eyes: a host never shows it to one.
   */
  public List<UUID> orgIds() {
    return store.orgIds();
  }

  /**
   * Creates an org with its first user as owner, in one transaction, as OmniFlow itself. The owner
   * user is created if no user has that id yet.
   *
   * @throws OmniFlowException {@code org_exists} (conflict) if the org exists, {@code user_exists}
   *     (conflict) if another user has the owner's e-mail
   */
  public Org createOrg(UUID orgId, String name, User owner) {
    Objects.requireNonNull(owner, "owner");
    Org org = new Org(orgId, name, null, null, clock.instant());
    return store.inTransaction(
        Actor.system(orgId),
        tx -> {
          tx.orgs().insert(org);
          tx.users().insert(owner);
          Membership membership = new Membership(orgId, owner.id(), Role.OWNER, clock.instant());
          tx.memberships().insert(membership);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.ORG_CREATED,
                  TenancyEvents.AUDIT_ORG_CREATE,
                  "org",
                  orgId.toString(),
                  Map.of("name", org.name(), "owner_user_id", owner.id().toString()),
                  null,
                  Snapshots.org(org)));
          recordMembershipCreated(tx, membership);
          return org;
        });
  }

  /** Whether an org exists, looked up as OmniFlow itself (for seeding and operators). */
  public Optional<Org> findOrg(UUID orgId) {
    return store.inTransaction(Actor.system(orgId), tx -> tx.orgs().current());
  }

  /**
   * The actor's org.
   *
   * @throws OmniFlowException {@code not_found} if it does not exist
   */
  public Org org(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(
        actor, tx -> tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org")));
  }

  /**
   * Sets the region whose numbering plan applies to the org's phone numbers written without a
   * country code (ISO 3166 alpha-2, e.g. {@code GB}; case is ignored). Audited, and emits {@code
   * org.default_region_set}; setting the region already set changes and records nothing. Numbers
   * resolved before keep the E.164 form they were given.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code invalid_region} (invalid input) if the code is no region with a numbering plan;
   *     {@code not_found} if the org does not exist
   */
  public Org setDefaultRegion(Actor actor, String region) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    String code = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
    if (!Org.isRegionCode(code) || !IdentityNormalizer.supportsRegion(code)) {
      throw OmniFlowException.invalidInput(
          TenancyErrors.INVALID_REGION,
          "default_region must be an ISO 3166 alpha-2 code of a region with phone numbers,"
              + " such as US or GB.");
    }
    return store.inTransaction(
        actor,
        tx -> {
          Org before = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          if (before.defaultRegion().equals(code)) {
            return before;
          }
          Org after = before.withDefaultRegion(code);
          tx.orgs().update(after);
          Map<String, @Nullable Object> payload = new LinkedHashMap<>();
          payload.put("default_region", code);
          payload.put("previous_default_region", before.defaultRegion());
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.ORG_DEFAULT_REGION_SET,
                  TenancyEvents.AUDIT_ORG_SET_DEFAULT_REGION,
                  "org",
                  before.id().toString(),
                  payload,
                  Snapshots.org(before),
                  Snapshots.org(after)));
          return after;
        });
  }

  /**
   * Sets the org's IANA time zone (e.g. {@code Europe/Madrid}), in which it counts days (lead
   * extraction's "tomorrow") and which SLA calendars start from. Until set, {@link Org#zone()}
   * derives one from the region, else UTC. Audited, and emits {@code org.time_zone_set}; setting
   * the zone already set changes and records nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code invalid_time_zone} (invalid input) if the id is no IANA region id the JDK knows (a
   *     bare offset such as {@code +02:00} is refused); {@code not_found} if the org does not exist
   */
  public Org setTimeZone(Actor actor, String timeZone) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    String id = timeZone == null ? "" : timeZone.strip();
    if (!Org.isTimeZone(id)) {
      throw OmniFlowException.invalidInput(
          TenancyErrors.INVALID_TIME_ZONE,
          "time_zone must be an IANA time zone such as Europe/London.");
    }
    java.time.ZoneId zone = java.time.ZoneId.of(id);
    return store.inTransaction(
        actor,
        tx -> {
          Org before = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          if (zone.equals(before.timeZone())) {
            return before;
          }
          Org after = before.withTimeZone(zone);
          tx.orgs().update(after);
          Map<String, @Nullable Object> payload = new LinkedHashMap<>();
          payload.put("time_zone", id);
          payload.put(
              "previous_time_zone", before.timeZone() == null ? null : before.timeZone().getId());
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.ORG_TIME_ZONE_SET,
                  TenancyEvents.AUDIT_ORG_SET_TIME_ZONE,
                  "org",
                  before.id().toString(),
                  payload,
                  Snapshots.org(before),
                  Snapshots.org(after)));
          return after;
        });
  }

  /**
   * Sets whether the org's submitted lead-ad forms become leads at once, as they are ingested (on
   * for every org until it is turned off). When off, a form still makes its contact, thread,
   * message and touchpoint, and a person makes the lead when they choose ({@link
   * ai.omniflow.leads.LeadService#fromThread}). Forms ingested before the change keep what they
   * made. Audited, and emits {@code org.lead_forms_become_leads_set}; setting the value it has
   * already changes and records nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code not_found} if the org does not exist
   */
  public Org setLeadFormsBecomeLeads(Actor actor, boolean on) {
    return settings.setLeadFormsBecomeLeads(actor, on);
  }

  /**
   * Sets what the org answers an inbound HELP (the pack's AYUDA too) with, or {@code null} for the
   * default, which names the org and how to stop ({@link Org#helpReply}). The text is stripped.
   * Audited, and emits {@code org.help_text_set}; setting the value it has already changes and
   * records nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code invalid_help_text} (invalid input) if the text is blank, longer than {@link
   *     Org#MAX_HELP_TEXT} or holds NUL; {@code not_found} if the org does not exist
   */
  public Org setHelpText(Actor actor, @Nullable String text) {
    return settings.setHelpText(actor, text);
  }

  /**
   * The user, if a member of the actor's org.
   *
   * @throws OmniFlowException {@code not_found} if they are not a member
   */
  public User user(Actor actor, UUID userId) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(
        actor,
        tx -> tx.users().find(userId).orElseThrow(() -> OmniFlowException.notFound("The user")));
  }

  /** The org's memberships, oldest first. */
  public List<Membership> members(Actor actor) {
    Permission.ORG_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.memberships().list());
  }

  /**
   * Adds a new user to the actor's org. Nobody grants a role above their own.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MEMBERS_MANAGE} or when
   *     granting a role above the actor's; {@code user_exists} (conflict) if the e-mail is taken
   */
  public Membership addMember(Actor actor, User user, Role role) {
    Permission.MEMBERS_MANAGE.check(actor);
    if (!actor.role().isAtLeast(role)) {
      throw OmniFlowException.forbidden(
          "A " + actor.role().wireName() + " may not grant the role '" + role.wireName() + "'.");
    }
    return store.inTransaction(
        actor,
        tx -> {
          tx.users().insert(user);
          Membership m = new Membership(actor.orgId(), user.id(), role, clock.instant());
          tx.memberships().insert(m);
          recordMembershipCreated(tx, m);
          return m;
        });
  }

  /**
   * Changes a member's role. Nobody grants a role above their own, nor changes the role of a member
   * above them; the last owner cannot be demoted. Event {@code membership.role_changed}, audited;
   * setting the role a member has changes nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MEMBERS_MANAGE}, or when
   *     the new or the current role is above the actor's; {@code not_found} if the user is not a
   *     member; {@code last_owner} (conflict) when demoting the only owner
   */
  public Membership changeRole(Actor actor, UUID userId, Role role) {
    Permission.MEMBERS_MANAGE.check(actor);
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    requireAtMost(actor, role);
    return store.inTransaction(
        actor,
        tx -> {
          Membership before = requireMember(tx, userId);
          requireAtMost(actor, before.role());
          if (before.role() == role) {
            return before;
          }
          if (before.role() == Role.OWNER) {
            requireAnotherOwner(tx, userId);
          }
          Membership after = new Membership(before.orgId(), userId, role, before.createdAt());
          tx.memberships().update(after);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.MEMBERSHIP_ROLE_CHANGED,
                  TenancyEvents.AUDIT_MEMBERSHIP_CHANGE_ROLE,
                  "membership",
                  userId.toString(),
                  Snapshots.membership(after),
                  Snapshots.membership(before),
                  Snapshots.membership(after)));
          return after;
        });
  }

  /**
   * Removes a member from the org; their API keys stop authenticating. Nobody removes a member
   * above them; the last owner cannot be removed. Event {@code membership.removed}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#MEMBERS_MANAGE}, or when
   *     the member's role is above the actor's; {@code not_found} if the user is not a member;
   *     {@code last_owner} (conflict) when removing the only owner
   */
  public void removeMember(Actor actor, UUID userId) {
    Permission.MEMBERS_MANAGE.check(actor);
    Objects.requireNonNull(userId, "userId");
    store.inTransaction(
        actor,
        tx -> {
          Membership before = requireMember(tx, userId);
          requireAtMost(actor, before.role());
          if (before.role() == Role.OWNER) {
            requireAnotherOwner(tx, userId);
          }
          tx.memberships().delete(userId);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.MEMBERSHIP_REMOVED,
                  TenancyEvents.AUDIT_MEMBERSHIP_REMOVE,
                  "membership",
                  userId.toString(),
                  Snapshots.membership(before),
                  Snapshots.membership(before),
                  null));
          return null;
        });
  }

  private static void requireAtMost(Actor actor, Role role) {
    if (!actor.role().isAtLeast(role)) {
      throw OmniFlowException.forbidden(
          "A " + actor.role().wireName() + " may not act on the role '" + role.wireName() + "'.");
    }
  }

  private static Membership requireMember(StoreTransaction tx, UUID userId) {
    return tx.memberships()
        .find(userId)
        .orElseThrow(() -> OmniFlowException.notFound("The member"));
  }

  /**
   * Refuses unless another owner remains. The org row is locked first, so two concurrent demotions
   * of two owners cannot both pass.
   */
  private static void requireAnotherOwner(StoreTransaction tx, UUID userId) {
    tx.orgs().current().ifPresent(o -> tx.orgs().update(o));
    boolean another =
        tx.memberships().list().stream()
            .anyMatch(m -> m.role() == Role.OWNER && !m.userId().equals(userId));
    if (!another) {
      throw OmniFlowException.conflict(
          TenancyErrors.LAST_OWNER, "The org's last owner cannot be demoted or removed.");
    }
  }

  private void recordMembershipCreated(StoreTransaction tx, Membership m) {
    Recorder.record(
        tx,
        clock.instant(),
        new Recorder.Change(
            TenancyEvents.MEMBERSHIP_CREATED,
            TenancyEvents.AUDIT_MEMBERSHIP_CREATE,
            "membership",
            m.userId().toString(),
            Snapshots.membership(m),
            null,
            Snapshots.membership(m)));
  }
}
