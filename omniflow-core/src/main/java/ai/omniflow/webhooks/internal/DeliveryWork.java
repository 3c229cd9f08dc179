package ai.omniflow.webhooks.internal;

import ai.omniflow.webhooks.ProcessingReport;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookSettings;
import ai.omniflow.webhooks.WebhookStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A claimed delivery as a worker's processing goes: its parse, its events' ingests, its first
 * failure, and at the end its settlement. Not API. Used by the one thread that processes its claim.
 */
final class DeliveryWork {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWork.class);

  final StoredDelivery delivery;
  int events;
  int ingested;
  int unowned;

  /** Its owned events not yet tried. */
  int open;

  boolean concluded;
  @Nullable UUID org;
  @Nullable String account;

  /** The outcome of a parse that failed, if it did. */
  @Nullable Outcome parseFailure;

  private @Nullable String code;
  private @Nullable String error;

  DeliveryWork(StoredDelivery delivery) {
    this.delivery = delivery;
    this.org = delivery.orgId();
  }

  /** Records the first failure of one of its events. */
  void fail(String code, String error) {
    if (this.error == null) {
      this.code = code;
      this.error = error;
    }
  }

  boolean failed() {
    return error != null;
  }

  Outcome outcome() {
    if (parseFailure != null) {
      return parseFailure;
    }
    return error == null
        ? Outcome.done(events, ingested, unowned, org, account)
        : Outcome.failed(
            events, ingested, unowned, org, account, Objects.requireNonNull(code), error);
  }

  /**
   * What processing one delivery came to: the org and account of its first owned event, and why it
   * failed (a code and a bounded sentence), if it did.
   */
  record Outcome(
      int events,
      int ingested,
      int unowned,
      @Nullable UUID org,
      @Nullable String account,
      @Nullable String code,
      @Nullable String error,
      @Nullable Duration notBefore) {
    static Outcome done(
        int events, int ingested, int unowned, @Nullable UUID org, @Nullable String account) {
      return new Outcome(events, ingested, unowned, org, account, null, null, null);
    }

    static Outcome failed(
        int events,
        int ingested,
        int unowned,
        @Nullable UUID org,
        @Nullable String account,
        String code,
        String error) {
      return new Outcome(events, ingested, unowned, org, account, code, error, null);
    }
  }

  /** Puts its settlement at {@code now} in {@code unsettled}; returns what it counts. */
  ProcessingReport conclude(
      WebhookSettings settings, Instant now, Map<Long, Settlement> unsettled) {
    StoredDelivery d = delivery;
    Outcome outcome = outcome();
    Settlement settlement;
    ProcessingReport counted;
    if (outcome.error() == null) {
      WebhookStatus status =
          outcome.events() > 0 && outcome.ingested() == 0
              ? WebhookStatus.DROPPED
              : WebhookStatus.DONE;
      settlement =
          new Settlement(
              status, outcome.org(), outcome.account(), outcome.events(), null, null, now, now);
      counted =
          new ProcessingReport(
              1,
              status == WebhookStatus.DONE ? 1 : 0,
              status == WebhookStatus.DROPPED ? 1 : 0,
              0,
              0,
              outcome.ingested(),
              outcome.events() == 0 ? 1 : 0,
              outcome.unowned());
    } else if (d.attempts() >= settings.maxAttempts()) {
      settlement =
          new Settlement(
              WebhookStatus.FAILED,
              outcome.org(),
              outcome.account(),
              outcome.events(),
              outcome.code(),
              outcome.error(),
              now,
              now);
      counted = new ProcessingReport(1, 0, 0, 0, 1, outcome.ingested(), 0, outcome.unowned());
      LOG.warn(
          "webhook delivery {} of {} parked failed after {} attempts: {}",
          d.id(),
          d.delivery().provider(),
          d.attempts(),
          outcome.error());
    } else {
      settlement =
          new Settlement(
              WebhookStatus.PENDING,
              outcome.org(),
              outcome.account(),
              outcome.events(),
              outcome.code(),
              outcome.error(),
              now.plus(longer(settings.backoffAfter(d.attempts()), outcome.notBefore())),
              now);
      counted = new ProcessingReport(1, 0, 0, 1, 0, outcome.ingested(), 0, outcome.unowned());
    }
    unsettled.put(d.id(), settlement);
    return counted;
  }

  private static Duration longer(Duration backoff, @Nullable Duration notBefore) {
    return notBefore != null && notBefore.compareTo(backoff) > 0 ? notBefore : backoff;
  }
}
