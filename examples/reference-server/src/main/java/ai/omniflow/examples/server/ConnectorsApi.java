package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OrgConnectorHealth;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connector endpoints of the original product: OAuth start and callback, the org's accounts,
 * health checks and disconnecting. Answers never hold a token; the state appears only in the answer
 * to {@code start}, which exists to hand it over.
 */
@RestController
final class ConnectorsApi {
  private final OmniFlow omniFlow;

  ConnectorsApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** Starts OAuth: 200 with where to send the user and the state the callback must bring back. */
  @PostMapping("/connectors/{provider}/start")
  StartView start(Actor actor, @PathVariable String provider) {
    return StartView.of(omniFlow.connectors().start(actor, provider));
  }

  /** Completes OAuth with the provider's code and the state from {@code start}. */
  @PostMapping("/connectors/{provider}/callback")
  CallbackView callback(
      Actor actor, @PathVariable String provider, @Valid @RequestBody Callback body) {
    // Refuse what core would refuse anyway, before anything is written: permission, provider, body.
    Permission.CONNECTORS_MANAGE.check(actor);
    omniFlow.connectors().registry().require(provider);
    if (body.code() == null || body.code().isBlank()) {
      throw OmniFlowException.badRequest(ServerErrors.MISSING_CODE, "code is required.");
    }
    if (body.state() == null || body.state().isBlank()) {
      throw OmniFlowException.badRequest(ServerErrors.MISSING_STATE, "state is required.");
    }
    List<ConnectorAccount> accounts =
        omniFlow.connectors().complete(actor, provider, body.code(), body.state());
    return new CallbackView(provider, accounts.stream().map(AccountView::of).toList());
  }

  @GetMapping("/connectors/accounts")
  Page<AccountView> accounts(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    PageRequest page = Api.page(limit, offset);
    return Page.slice(
        omniFlow.connectors().accounts(actor).stream().map(AccountView::of).toList(), page);
  }

  @PostMapping("/connectors/{provider}/{accountRef}/healthcheck")
  AccountView healthcheck(
      Actor actor, @PathVariable String provider, @PathVariable String accountRef) {
    return AccountView.of(omniFlow.connectors().healthcheck(actor, provider, accountRef));
  }

  @GetMapping("/connectors/health")
  HealthView health(Actor actor) {
    return HealthView.of(omniFlow.connectors().health(actor));
  }

  @DeleteMapping("/connectors/{provider}/{accountRef}")
  AccountView disconnect(
      Actor actor, @PathVariable String provider, @PathVariable String accountRef) {
    return AccountView.of(omniFlow.connectors().disconnect(actor, provider, accountRef));
  }

  static String wire(HealthStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  record Callback(@Nullable String code, @Nullable String state) {}

  record StartView(String provider, URI authorizationUrl, String state, Instant expiresAt) {
    static StartView of(AuthorizationStart s) {
      return new StartView(s.provider(), s.authorizationUrl(), s.state(), s.expiresAt());
    }
  }

  record CallbackView(String provider, List<AccountView> accounts) {}

  record AccountView(
      String accountRef,
      String provider,
      String externalAccountId,
      String displayName,
      List<String> scopes,
      String status,
      String statusDetail,
      @Nullable Instant lastCheckedAt,
      @Nullable Instant tokenExpiresAt,
      Instant createdAt) {
    static AccountView of(ConnectorAccount a) {
      return new AccountView(
          a.accountRef(),
          a.provider(),
          a.externalAccountId(),
          a.displayName(),
          a.scopes(),
          wire(a.status()),
          a.statusDetail(),
          a.lastCheckedAt(),
          a.tokenExpiresAt(),
          a.createdAt());
    }
  }

  record HealthView(String overall, Map<String, Integer> counts, List<AccountView> accounts) {
    static HealthView of(OrgConnectorHealth h) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (HealthStatus s : HealthStatus.values()) {
        counts.put(wire(s), h.counts().getOrDefault(s, 0));
      }
      return new HealthView(
          wire(h.overall()), counts, h.accounts().stream().map(AccountView::of).toList());
    }
  }
}
