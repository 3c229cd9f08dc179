package ai.omniflow.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How a webhook worker claims and retries: {@link #defaults()} unless a host sets otherwise.
 *
 * <pre>{@code
 * var settings = new WebhookSettings(50, Duration.ofMinutes(2), 8, Duration.ofSeconds(5),
 *     Duration.ofMinutes(30));
 * }</pre>
 *
 * @param batchSize how many deliveries one claim takes, 1 to 1000
 * @param lease how long a claim holds its deliveries before another worker may take them (a crashed
 *     worker's deliveries run again after it), 1 second to 1 hour
 * @param maxAttempts attempts before a delivery is parked {@code failed}, 1 to 100
 * @param firstBackoff the wait after the first failed attempt, doubled after each next one, 0 to 1
 *     hour
 * @param maxBackoff the longest wait between attempts, at least {@code firstBackoff}, at most 1 day
 */
public record WebhookSettings(
    int batchSize, Duration lease, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  /**
   * @throws IllegalArgumentException if a value is out of its range
   */
  public WebhookSettings {
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1 to 1000");
    }
    within("lease", lease, Duration.ofSeconds(1), Duration.ofHours(1));
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 100");
    }
    within("firstBackoff", firstBackoff, Duration.ZERO, Duration.ofHours(1));
    within("maxBackoff", maxBackoff, firstBackoff, Duration.ofDays(1));
  }

  /** 50 a batch, a 2-minute lease, 8 attempts, back-off from 5 seconds up to 30 minutes. */
  public static WebhookSettings defaults() {
    return new WebhookSettings(
        50, Duration.ofMinutes(2), 8, Duration.ofSeconds(5), Duration.ofMinutes(30));
  }

  /** The wait after the {@code attempts}-th failed attempt: doubled each time, capped. */
  public Duration backoffAfter(int attempts) {
    Duration wait = firstBackoff;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static void within(String name, Duration d, Duration min, Duration max) {
    Objects.requireNonNull(d, name);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
    }
  }
}
