package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every page controller shares: the {@link Actor} of the signed-in person, resolved again on
 * each request (a removed member or a lowered role takes effect at once), the model attributes the
 * layout needs, and times shown in the org's time zone. Pages call the same OmniFlow facades as the
 * API controllers; this class only adapts.
 */
@Component
final class Pages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final OmniFlow omniFlow;
  private final boolean mockMode;

  Pages(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
    this.mockMode =
        omniFlow.connectors().registry().mode() == ai.omniflow.connectors.ConnectorMode.MOCK;
  }

  /**
   * The actor for this request.
   *
   * @throws OmniFlowException {@code unauthenticated} if the person is no longer a member
   */
  Actor actor(SignedIn who, HttpServletRequest request) {
    Actor actor =
        omniFlow
            .authenticator()
            .resolve(who.orgId(), who.userId(), who.role(), RequestIds.of(request));
    MDC.put(RequestIds.MDC_ORG_ID, actor.orgId().toString());
    return actor;
  }

  /**
   * Puts what the layout shows into the model: the org, who is signed in, what their role may do,
   * and the current page's name for the navigation; returns the org's time zone.
   */
  Zone frame(Actor actor, SignedIn who, String page, Model model) {
    Org org = omniFlow.tenancy().org(actor);
    model.addAttribute("org", org);
    model.addAttribute("me", who);
    model.addAttribute("role", actor.role().wireName());
    model.addAttribute("page", page);
    model.addAttribute("mockMode", mockMode);
    Map<String, Boolean> can = new LinkedHashMap<>();
    can.put("send", Permission.MESSAGES_SEND.allows(actor.role()));
    can.put("manageInbox", Permission.INBOX_MANAGE.allows(actor.role()));
    can.put("writeLeads", Permission.LEADS_WRITE.allows(actor.role()));
    model.addAttribute("can", can);
    Zone zone = new Zone(org.zone());
    model.addAttribute("zone", zone);
    return zone;
  }

  boolean mockMode() {
    return mockMode;
  }

  /** The org's members by user id, with the names to show, oldest member first. */
  Map<UUID, String> memberNames(Actor actor) {
    Map<UUID, String> names = new LinkedHashMap<>();
    for (Membership m : omniFlow.tenancy().members(actor)) {
      names.put(m.userId(), omniFlow.tenancy().user(actor, m.userId()).displayName());
    }
    return names;
  }

  /** Times in one zone, for the templates: {@code ${zone.show(instant)}}. */
  record Zone(ZoneId id) {
    public String show(@Nullable Instant at) {
      return at == null ? "—" : TIME.format(at.atZone(id));
    }

    public String iso(@Nullable Instant at) {
      return at == null ? "" : at.toString();
    }

    public String name() {
      return id.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : id.getId();
    }
  }
}
