package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.webhooks.LastDelivery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /connectors}: the org's connector accounts with their health, a <b>Connect</b> button per
 * provider that takes OAuth in this mode, <b>Reconnect</b> for an account that needs it, <b>Check
 * now</b>, and <b>Disconnect</b> behind a confirmation (docs/decisions/0062). Everyone who may see
 * connector accounts ({@code Permission.CONNECTORS_READ}) reads the page; the buttons are shown to,
 * and the posts accepted from, those who manage them ({@code Permission.CONNECTORS_MANAGE}: owner,
 * admin, manager), anyone else's post is a 403 page. Each account shows its last webhook delivery
 * (when it arrived and whether it was processed, failed with its error code, or waits for another
 * attempt) from {@code WebhookService.lastDeliveries} (decision 0074). It calls the same {@code
 * ConnectorService} methods as {@link ConnectorsApi}; this class only adapts.
 *
 * <p>Connect starts the flow with {@code ConnectorService.start} and answers a page whose link
 * leads to the platform's consent screen; the platform sends the browser back to {@code GET
 * /oauth/{provider}/callback} ({@link OAuthCallbackPage}), which completes it. The offline mock
 * connector has no consent screen, so in mock mode the browser is redirected straight to that
 * callback with a code the mock grants.
 */
@Controller
final class ConnectorsPage {
  /** The code the offline mock connector accepts in place of a consent screen. */
  static final String MOCK_CONSENT_CODE = "mock-consent";

  private final OmniFlow omniFlow;
  private final Pages pages;

  ConnectorsPage(OmniFlow omniFlow, Pages pages) {
    this.omniFlow = omniFlow;
    this.pages = pages;
  }

  /** A provider that can be connected from the page. */
  record ProviderRow(String provider, String name, String carries, boolean oauth) {}

  /** An account as the page lists it, its times in the org's zone. */
  record AccountRow(
      String accountRef,
      String provider,
      String providerName,
      String carries,
      String displayName,
      String externalAccountId,
      String status,
      String statusLabel,
      String statusDetail,
      String lastChecked,
      String tokenExpires,
      String connected,
      boolean needsReauth,
      boolean disconnected,
      boolean reconnectable,
      LastWebhook lastWebhook) {}

  /**
   * An account's last webhook delivery in words: {@code state} is {@code processed}, {@code
   * failed}, {@code pending}, {@code dropped} or {@code none}; {@code label} names it, {@code
   * detail} gives the error code of a failed or retried one, {@code received} is in the org's zone.
   */
  record LastWebhook(String state, String label, String detail, String received) {
    static LastWebhook of(@Nullable LastDelivery d, Pages.Zone zone) {
      if (d == null) {
        return new LastWebhook(
            "none", "None yet", "No webhook delivery has been processed for this account.", "");
      }
      String received = "received " + zone.show(d.receivedAt());
      String attempts = d.attempts() == 1 ? "1 attempt" : d.attempts() + " attempts";
      return switch (d.status()) {
        case DONE -> new LastWebhook("processed", "Processed", "", received);
        case FAILED ->
            new LastWebhook(
                "failed",
                "Failed",
                (d.errorCode() == null ? "Failed" : "Error " + d.errorCode())
                    + " after "
                    + attempts
                    + ".",
                received);
        case PENDING ->
            new LastWebhook(
                "pending",
                "Waiting",
                d.errorCode() == null
                    ? "Waiting to be processed again."
                    : "The last attempt failed with " + d.errorCode() + "; it will be retried.",
                received);
        case DROPPED ->
            new LastWebhook("dropped", "Dropped", "Nothing in it for this org.", received);
      };
    }
  }

  @GetMapping("/connectors")
  String show(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    Permission.CONNECTORS_READ.check(actor);
    Pages.Zone zone = pages.frame(actor, who, "connectors", model);
    ConnectorRegistry registry = omniFlow.connectors().registry();
    List<ProviderRow> providers = new ArrayList<>();
    for (ConnectorRegistry.Registration r : registry.available()) {
      providers.add(
          new ProviderRow(
              r.provider(),
              r.factory().displayName(),
              carries(r),
              r.factory().authMethod() == AuthMethod.OAUTH));
    }
    List<AccountRow> accounts = new ArrayList<>();
    Map<String, LastDelivery> lastWebhooks = omniFlow.webhooks().lastDeliveries(actor);
    for (ConnectorAccount a : omniFlow.connectors().accounts(actor)) {
      var reg = registry.find(a.provider());
      boolean available = reg.isPresent() && registry.available().contains(reg.get());
      accounts.add(
          new AccountRow(
              a.accountRef(),
              a.provider(),
              reg.map(r -> r.factory().displayName()).orElse(a.provider()),
              reg.map(ConnectorsPage::carries).orElse(""),
              a.displayName(),
              a.externalAccountId(),
              ConnectorsApi.wire(a.status()),
              label(a.status()),
              a.statusDetail(),
              zone.show(a.lastCheckedAt()),
              zone.show(a.tokenExpiresAt()),
              zone.show(a.createdAt()),
              a.status() == HealthStatus.NEEDS_REAUTH,
              a.status() == HealthStatus.DISCONNECTED,
              available
                  && reg.get().factory().authMethod() == AuthMethod.OAUTH
                  && a.status() != HealthStatus.HEALTHY,
              LastWebhook.of(lastWebhooks.get(a.accountRef()), zone)));
    }
    model.addAttribute("manage", Permission.CONNECTORS_MANAGE.allows(actor.role()));
    model.addAttribute("mode", registry.mode().name().toLowerCase(java.util.Locale.ROOT));
    model.addAttribute("providers", providers);
    model.addAttribute("accounts", accounts);
    return "connectors";
  }

  /**
   * Starts OAuth for the provider and sends the browser to its consent screen (in mock mode, to the
   * callback with the mock's grant).
   */
  @PostMapping("/ui/connectors/{provider}/connect")
  String connect(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String provider) {
    Actor actor = pages.actor(who, request);
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorRegistry.Registration reg = omniFlow.connectors().registry().require(provider);
    AuthorizationStart start = omniFlow.connectors().start(actor, reg.provider());
    // The address holds the state: the page it leads to must not receive it as a Referer.
    response.setHeader("Referrer-Policy", "no-referrer");
    if (pages.mockMode() && "mock".equals(reg.provider())) {
      return "redirect:/oauth/mock/callback?code="
          + MOCK_CONSENT_CODE
          + "&state="
          + URLEncoder.encode(start.state(), StandardCharsets.UTF_8);
    }
    // A link, not a redirect: the pages' CSP (form-action 'self') would stop a form's redirect to
    // the platform's origin.
    pages.frame(actor, who, "connectors", model);
    model.addAttribute("providerName", reg.factory().displayName());
    model.addAttribute("consentUrl", start.authorizationUrl().toString());
    return "connect-consent";
  }

  /** Probes the account's health now. */
  @PostMapping("/ui/connectors/{provider}/{accountRef}/check")
  String check(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String provider,
      @PathVariable String accountRef,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount a =
        omniFlow.connectors().healthcheck(actor, provider, existingRef(accountRef));
    flash.addFlashAttribute(
        "notice",
        a.displayName()
            + " checked: "
            + label(a.status()).toLowerCase(java.util.Locale.ROOT)
            + ".");
    return "redirect:/connectors#account-" + a.accountRef();
  }

  /** Disconnects the account: its token is revoked at the platform and forgotten. */
  @PostMapping("/ui/connectors/{provider}/{accountRef}/disconnect")
  String disconnect(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String provider,
      @PathVariable String accountRef,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount a = omniFlow.connectors().disconnect(actor, provider, existingRef(accountRef));
    flash.addFlashAttribute(
        "notice", a.displayName() + " is disconnected: it no longer receives or sends.");
    return "redirect:/connectors#account-" + a.accountRef();
  }

  /** The ref if it has an account ref's shape; never echoed. */
  private static String existingRef(String accountRef) {
    if (!ConnectorAccount.isAccountRef(accountRef)) {
      throw OmniFlowException.notFound("The connector account");
    }
    return accountRef;
  }

  private static final Map<Capability, String> CARRIES = new EnumMap<>(Capability.class);

  static {
    CARRIES.put(Capability.INBOUND_DMS, "direct messages");
    CARRIES.put(Capability.COMMENTS, "comments");
    CARRIES.put(Capability.LEAD_FORMS, "lead forms");
    CARRIES.put(Capability.OUTBOUND_TEXT, "replies");
    CARRIES.put(Capability.TEMPLATES, "templates");
  }

  /** What a provider's accounts carry, in words, in a fixed order. */
  private static String carries(ConnectorRegistry.Registration r) {
    List<String> words = new ArrayList<>();
    for (Capability c : Capability.values()) {
      if (r.factory().capabilities().contains(c)) {
        words.add(CARRIES.get(c));
      }
    }
    return String.join(", ", words);
  }

  private static String label(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> "Healthy";
      case DEGRADED -> "Degraded";
      case NEEDS_REAUTH -> "Needs reconnecting";
      case DISCONNECTED -> "Disconnected";
    };
  }
}
