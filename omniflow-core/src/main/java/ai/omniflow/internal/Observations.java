package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.ConnectorException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer Observations core emits around its use cases, in one place so the services stay
 * free of instrumentation. Each observation carries only low-cardinality key values (channel,
 * provider, operation, outcome), never an org, contact, thread or lead id; {@code outcome} is
 * {@code success}, the {@link OmniFlowException#code()} of a refusal, the lowercased {@link
 * ConnectorException#kind()} of a connector failure, or {@code error}.
 *
 * <pre>{@code
 * Observations obs = new Observations(registry);
 * IngestResult r = obs.observe(Observations.INGEST, KeyValues.of("channel", "sms"), () -> ingest());
 * }</pre>
 *
 * <p>Not API. Immutable and thread-safe; a no-op over {@link ObservationRegistry#NOOP}.
 */
public final class Observations {
  /** Around {@code InboxService.ingest}. */
  public static final String INGEST = "omniflow.inbox.ingest";

  /** Around {@code InboxService.send}. */
  public static final String SEND = "omniflow.inbox.send";

  /** Around {@code LeadService.score}. */
  public static final String SCORE = "omniflow.leads.score";

  /** Around {@code LeadService.route}. */
  public static final String ROUTE = "omniflow.leads.route";

  /** Around every call a connector service makes to a connector. */
  public static final String CONNECTOR_CALL = "omniflow.connector.call";

  /** Observations that go nowhere. */
  public static final Observations NOOP = new Observations(ObservationRegistry.NOOP);

  // Error codes are constants in our code; anything else (a host's own code) is reported as
  // "error" so a tag value can never grow without bound.
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  private final ObservationRegistry registry;

  /**
   * @throws NullPointerException if {@code registry} is null
   */
  public Observations(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The registry observations are made in. */
  public ObservationRegistry registry() {
    return registry;
  }

  /** Runs {@code body} inside observation {@code name} tagged with {@code tags} and its outcome. */
  public <T> T observe(String name, KeyValues tags, Supplier<T> body) {
    return observe(name, tags, body, r -> KeyValues.empty());
  }

  /**
   * Runs {@code body} inside observation {@code name}, tagged with {@code tags}, its outcome and,
   * on success, {@code resultTags} of its result.
   */
  // "try": the scope is opened only for its effect (observations made inside nest under this one).
  @SuppressWarnings("try")
  public <T> T observe(
      String name, KeyValues tags, Supplier<T> body, Function<T, KeyValues> resultTags) {
    Observation o = Observation.createNotStarted(name, registry).lowCardinalityKeyValues(tags);
    if (o.isNoop()) {
      return body.get();
    }
    o.start();
    try (Observation.Scope ignored = o.openScope()) {
      T result = body.get();
      o.lowCardinalityKeyValues(resultTags.apply(result));
      o.lowCardinalityKeyValue("outcome", "success");
      return result;
    } catch (RuntimeException | Error e) {
      o.lowCardinalityKeyValue("outcome", outcome(e));
      o.error(e);
      throw e;
    } finally {
      o.stop();
    }
  }

  /**
   * Adds a low-cardinality tag to the observation this thread is inside, if any: for a value a use
   * case learns only part-way (the channel of the thread a draft belongs to).
   */
  public void tagCurrent(String key, String value) {
    Observation current = registry.getCurrentObservation();
    if (current != null && !current.isNoop()) {
      current.lowCardinalityKeyValue(KeyValue.of(key, value));
    }
  }

  static String outcome(Throwable e) {
    if (e instanceof OmniFlowException f) {
      return CODE.matcher(f.code()).matches() ? f.code() : "error";
    }
    if (e instanceof ConnectorException c) {
      return c.kind().name().toLowerCase(Locale.ROOT);
    }
    return "error";
  }

  /** A tag value, or {@code none} for a missing one. */
  public static String orNone(@Nullable String value) {
    return value == null ? "none" : value;
  }
}
