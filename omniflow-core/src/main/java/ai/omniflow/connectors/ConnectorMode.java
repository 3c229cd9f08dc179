package ai.omniflow.connectors;

import ai.omniflow.OmniFlowException;
import java.util.Locale;

/** Whether OmniFlow talks to real platforms ({@code LIVE}) or only to the mock connector. */
public enum ConnectorMode {
  MOCK,
  LIVE;

  /**
   * @throws OmniFlowException {@code invalid_connector_mode} unless {@code mock} or {@code live}
   */
  public static ConnectorMode parse(String value) {
    for (ConnectorMode m : values()) {
      if (m.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return m;
      }
    }
    throw OmniFlowException.invalidInput(
        ConnectorErrors.INVALID_CONNECTOR_MODE,
        "The connector mode must be mock or live, was '" + value + "'.");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
