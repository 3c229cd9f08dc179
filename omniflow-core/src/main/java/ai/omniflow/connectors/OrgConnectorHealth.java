package ai.omniflow.connectors;

import ai.omniflow.connector.spi.HealthStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The health of an org's connector accounts: each account's status and a summary.
 *
 * @param accounts every account of the org, with its last known status
 * @param counts how many accounts are in each status
 * @param overall the worst status of any account that is not disconnected by choice; {@code
 *     HEALTHY} when there are none
 */
public record OrgConnectorHealth(
    List<ConnectorAccount> accounts, Map<HealthStatus, Integer> counts, HealthStatus overall) {
  public OrgConnectorHealth {
    accounts = List.copyOf(accounts);
    counts = Map.copyOf(counts);
  }

  static OrgConnectorHealth of(List<ConnectorAccount> accounts) {
    Map<HealthStatus, Integer> counts = new EnumMap<>(HealthStatus.class);
    for (HealthStatus s : HealthStatus.values()) {
      counts.put(s, 0);
    }
    HealthStatus overall = HealthStatus.HEALTHY;
    for (ConnectorAccount a : accounts) {
      counts.merge(a.status(), 1, Integer::sum);
      if (a.status().ordinal() > overall.ordinal()) {
        overall = a.status();
      }
    }
    return new OrgConnectorHealth(accounts, counts, overall);
  }
}
