package ai.omniflow.connector.spi;

/** Where an outbound message is on its way to the recipient, as the platform reports it. */
public enum DeliveryStatus {
  SENT,
  DELIVERED,
  READ,
  FAILED
}
