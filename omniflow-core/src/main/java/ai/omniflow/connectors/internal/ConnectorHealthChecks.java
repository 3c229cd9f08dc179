package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorEvents;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health use cases: probe one account, or every account of the org, and record its status; a
 * send or lead read whose token the provider refused records {@code NEEDS_REAUTH} without a probe.
 * {@link ConnectorService} delegates to it (decision 0033); the Javadoc of its methods is the spec.
 * Not API. Thread-safe.
 */
public final class ConnectorHealthChecks {
  // Logged under the facade's name, as before the split, so a host's log settings still apply.
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

  private final Store store;
  private final ConnectorRegistry registry;
  private final Clock clock;
  private final TokenRefresh tokens;
  private final ConnectorCalls calls;

  public ConnectorHealthChecks(
      Store store,
      ConnectorRegistry registry,
      Clock clock,
      TokenRefresh tokens,
      ConnectorCalls calls) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** As {@link ConnectorService#healthcheck}. */
  public ConnectorAccount healthcheck(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount account =
        store.inTransaction(actor, tx -> ConnectorTx.find(tx, provider, accountRef));
    return check(actor, account);
  }

  /** As {@link ConnectorService#healthcheckAll}. */
  public List<ConnectorAccount> healthcheckAll(Actor actor) {
    Permission.CONNECTORS_MANAGE.check(actor);
    List<ConnectorAccount> result = new ArrayList<>();
    for (ConnectorAccount a : store.inTransaction(actor, tx -> tx.connectorAccounts().list())) {
      // An account whose token the provider refused is not probed again until it is connected
      // again: a probe with that token would only be refused once more.
      boolean skip =
          a.status() == HealthStatus.NEEDS_REAUTH
              || (a.status() == HealthStatus.DISCONNECTED && a.lastCheckedAt() == null);
      result.add(skip ? a : check(actor, a));
    }
    return result;
  }

  /**
   * Probes the account now and records its status, with {@code connector_account.status_changed}
   * when it changed. Checks no permission: the callers do.
   */
  public ConnectorAccount check(Actor actor, ConnectorAccount account) {
    Instant now = clock.instant();
    return record(actor, account, probe(account, now), now);
  }

  /**
   * Records that the provider refused the account's token (Meta's error 190 on a send or a lead
   * read): {@code NEEDS_REAUTH} at once, without a probe, so no further call is made for the
   * account until it is connected again. Checks no permission: the callers do.
   */
  public ConnectorAccount refused(Actor actor, ConnectorAccount account, String detail) {
    Instant now = clock.instant();
    return record(actor, account, new HealthReport(HealthStatus.NEEDS_REAUTH, detail, now), now);
  }

  private ConnectorAccount record(
      Actor actor, ConnectorAccount account, HealthReport report, Instant now) {
    return store.inTransaction(
        actor,
        tx -> {
          ConnectorAccount current = ConnectorTx.find(tx, account.provider(), account.accountRef());
          ConnectorAccount updated = current.withStatus(report.status(), report.detail(), now);
          tx.connectorAccounts().update(updated);
          if (current.status() != updated.status()) {
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("provider", current.provider());
            payload.put("account_ref", current.accountRef());
            payload.put("from", current.status().name().toLowerCase());
            payload.put("to", updated.status().name().toLowerCase());
            payload.put("detail", report.detail());
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    ConnectorEvents.CONNECTOR_ACCOUNT_STATUS_CHANGED,
                    ConnectorEvents.AUDIT_CONNECTOR_ACCOUNT_HEALTH_CHANGE,
                    "connector_account",
                    current.accountRef(),
                    payload,
                    ConnectorTx.snapshot(current),
                    ConnectorTx.snapshot(updated)));
          }
          return updated;
        });
  }

  private HealthReport probe(ConnectorAccount account, Instant now) {
    ConnectorRegistry.Registration reg = registry.find(account.provider()).orElse(null);
    if (reg == null || !reg.modes().contains(registry.mode())) {
      return new HealthReport(
          HealthStatus.DEGRADED,
          "The provider is not available in connector mode " + registry.mode().wireName() + ".",
          now);
    }
    String token;
    try {
      token = tokens.accessToken(account, reg, now);
    } catch (OmniFlowException e) {
      return new HealthReport(HealthStatus.NEEDS_REAUTH, e.getMessage(), now);
    }
    try {
      return calls.call(reg, "probe", c -> c.probe(account.externalAccountId(), token));
    } catch (ConnectorException e) {
      HealthStatus status =
          switch (e.kind()) {
            case AUTH_EXPIRED -> HealthStatus.NEEDS_REAUTH;
            case RATE_LIMITED, TRANSIENT -> HealthStatus.DEGRADED;
            default -> HealthStatus.DISCONNECTED;
          };
      return new HealthReport(
          status, "The probe failed: " + e.kind().name().toLowerCase() + ".", now);
    } catch (RuntimeException e) {
      LOG.warn(
          "Health probe of a {} account failed: {}", account.provider(), e.getClass().getName());
      return new HealthReport(HealthStatus.DEGRADED, "The probe failed unexpectedly.", now);
    }
  }
}
