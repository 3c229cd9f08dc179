package ai.omniflow.attribution.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionEvents;
import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.Spend;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The spend use case: a day's spend on a channel or campaign, recorded or replaced. {@link
 * AttributionService#recordSpend} delegates to it (decision 0033); its Javadoc is the spec. Not
 * API. Thread-safe.
 */
public final class SpendRecording {
  private final Store store;
  private final Clock clock;

  public SpendRecording(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link AttributionService#recordSpend}. */
  public Spend record(
      Actor actor,
      LocalDate day,
      String channel,
      @Nullable String campaign,
      BigDecimal amount,
      String currency) {
    Permission.ATTRIBUTION_WRITE.check(actor);
    Objects.requireNonNull(day, "day");
    Instant now = clock.instant();
    if (day.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
      throw OmniFlowException.invalidInput("invalid_day", "day must not be in the future.");
    }
    String c = campaign == null || campaign.isBlank() ? null : campaign.strip();
    Spend spend = new Spend(actor.orgId(), day, channel, c, amount, currency, now);
    return store.inTransaction(
        actor,
        tx -> {
          Optional<Spend> old = tx.spend().find(spend.day(), spend.channel(), spend.campaign());
          if (old.isPresent()
              && old.get().amount().compareTo(spend.amount()) == 0
              && old.get().currency().equals(spend.currency())) {
            return old.get();
          }
          tx.spend().put(spend);
          Map<String, @Nullable Object> after = view(spend);
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  AttributionEvents.SPEND_RECORDED,
                  AttributionEvents.AUDIT_SPEND_RECORD,
                  "spend",
                  entityId(spend),
                  after,
                  old.map(SpendRecording::view).orElse(null),
                  after));
          return spend;
        });
  }

  // One id per (org, day, channel, campaign), whatever the campaign's length.
  private static String entityId(Spend s) {
    String key =
        s.orgId()
            + "\n"
            + s.day()
            + "\n"
            + s.channel()
            + "\n"
            + (s.campaign() == null ? "" : s.campaign());
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static Map<String, @Nullable Object> view(Spend s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("day", s.day().toString());
    m.put("channel", s.channel());
    m.put("campaign", s.campaign());
    m.put("amount", s.amount().toPlainString());
    m.put("currency", s.currency());
    return m;
  }
}
