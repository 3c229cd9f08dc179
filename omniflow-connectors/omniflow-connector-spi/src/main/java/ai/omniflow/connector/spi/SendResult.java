package ai.omniflow.connector.spi;

/**
 * What the platform answered to an accepted send.
 *
 * @param providerMessageId the platform's id of the message; later {@link
 *     InboundEvent.DeliveryUpdate}s name it
 */
public record SendResult(String providerMessageId) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code providerMessageId} is blank
   */
  public SendResult {
    Checks.notBlank(providerMessageId, "providerMessageId");
  }
}
