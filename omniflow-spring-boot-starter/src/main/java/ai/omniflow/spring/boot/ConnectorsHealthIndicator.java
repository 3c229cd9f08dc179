package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OrgConnectorHealth;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's {@code omniflowConnectors}: each org's last known connector status, read from the
 * store ({@code connectors().health(Actor.system(org))}) without opening a token or calling a
 * platform. It is {@code UP} whenever the store answers, because an account that needs
 * re-authorization is the org's to fix, not a reason to restart or unroute this node; accounts that
 * need attention are listed in the details. It is {@code DOWN} only when the store cannot be read.
 *
 * <pre>{@code
 * "omniflowConnectors": {"status": "UP", "details": {"mode": "mock", "accounts": 2,
 *   "accounts_needing_attention": 1, "orgs": {"<org id>": {"overall": "needs_reauth",
 *   "counts": {"healthy": 1, "needs_reauth": 1, ...}, "needing_attention": [
 *   {"account_ref": "ca_…", "provider": "mock", "status": "needs_reauth", "detail": "…"}]}}}}
 * }</pre>
 *
 * <p>At most {@value #MAX_ORGS} orgs are detailed. Thread-safe.
 */
public final class ConnectorsHealthIndicator implements HealthIndicator {
  /** How many orgs the details list at most. */
  public static final int MAX_ORGS = 100;

  private final OmniFlow omniFlow;

  public ConnectorsHealthIndicator(OmniFlow omniFlow) {
    this.omniFlow = Objects.requireNonNull(omniFlow, "omniFlow");
  }

  @Override
  public Health health() {
    try {
      List<UUID> orgs = omniFlow.tenancy().orgIds();
      Map<String, Object> byOrg = new LinkedHashMap<>();
      int accounts = 0;
      int attention = 0;
      for (UUID org : orgs) {
        OrgConnectorHealth h = omniFlow.connectors().health(Actor.system(org));
        accounts += h.accounts().size();
        List<Map<String, Object>> needing = new ArrayList<>();
        for (ConnectorAccount a : h.accounts()) {
          if (a.status() == HealthStatus.DEGRADED || a.status() == HealthStatus.NEEDS_REAUTH) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account_ref", a.accountRef());
            m.put("provider", a.provider());
            m.put("status", wire(a.status()));
            m.put("detail", a.statusDetail());
            needing.add(m);
          }
        }
        attention += needing.size();
        if (h.accounts().isEmpty() || byOrg.size() >= MAX_ORGS) {
          continue;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HealthStatus s : HealthStatus.values()) {
          counts.put(wire(s), h.counts().getOrDefault(s, 0));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("overall", wire(h.overall()));
        detail.put("counts", counts);
        detail.put("needing_attention", needing);
        byOrg.put(org.toString(), detail);
      }
      return Health.up()
          .withDetail("mode", omniFlow.connectors().registry().mode().wireName())
          .withDetail("accounts", accounts)
          .withDetail("accounts_needing_attention", attention)
          .withDetail("orgs", byOrg)
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getName()).build();
    }
  }

  private static String wire(HealthStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
