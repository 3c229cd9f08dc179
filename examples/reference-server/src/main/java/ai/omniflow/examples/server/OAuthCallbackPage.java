package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /oauth/{provider}/callback}: where a platform sends the browser back after its consent
 * screen, the default {@code OAUTH_REDIRECT_URI} ({@code
 * http://localhost:8080/oauth/{provider}/callback}). With {@code code} and {@code state} it
 * completes the flow that {@code POST /connectors/{provider}/start} began, as the signed-in member
 * who started it ({@code ConnectorService.complete}: the state is single use, ten minutes, bound to
 * org, user and provider), and shows what was connected. With {@code error} (the person refused,
 * Meta's {@code error=access_denied}) it says so, {@code oauth_denied}, and writes nothing. Every
 * refusal is a page ({@link PageErrors}) naming its code; the platform's own error text is never
 * shown, nor the code or state.
 */
@Controller
final class OAuthCallbackPage {
  /** The longest authorization code taken; platforms' codes are a few hundred characters. */
  static final int MAX_CODE = 2048;

  /** The longest state taken; ours are 22 characters. */
  static final int MAX_STATE = 256;

  private final OmniFlow omniFlow;
  private final Pages pages;

  OAuthCallbackPage(OmniFlow omniFlow, Pages pages) {
    this.omniFlow = omniFlow;
    this.pages = pages;
  }

  /** An account as the page lists it. */
  record Connected(String displayName, String externalAccountId, String accountRef) {}

  @GetMapping("/oauth/{provider}/callback")
  String callback(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String provider,
      @RequestParam(required = false) @Nullable String code,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String error) {
    // The URL holds a code and a state: no page it links to may receive it as a Referer.
    response.setHeader("Referrer-Policy", "no-referrer");
    Actor actor = pages.actor(who, request);
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorRegistry.Registration reg = omniFlow.connectors().registry().require(provider);
    String name = reg.factory().displayName();
    if (error != null) {
      throw OmniFlowException.badRequest(
          ServerErrors.OAUTH_DENIED,
          "Access was not granted on "
              + name
              + ", so nothing was connected. Start the connection again to grant it.");
    }
    if (code == null || code.isBlank() || code.length() > MAX_CODE) {
      throw OmniFlowException.badRequest(
          ServerErrors.MISSING_CODE,
          "The platform sent no usable authorization code; start the connection again.");
    }
    if (state == null || state.isBlank() || state.length() > MAX_STATE) {
      throw OmniFlowException.badRequest(
          ServerErrors.MISSING_STATE,
          "The platform sent no usable state; start the connection again.");
    }
    List<ConnectorAccount> accounts = omniFlow.connectors().complete(actor, provider, code, state);
    pages.frame(actor, who, "oauth-connected", model);
    model.addAttribute("providerName", name);
    model.addAttribute(
        "accounts",
        accounts.stream()
            .map(a -> new Connected(a.displayName(), a.externalAccountId(), a.accountRef()))
            .toList());
    return "oauth-connected";
  }
}
