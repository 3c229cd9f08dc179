package ai.omniflow.leads.internal;

import ai.omniflow.leads.Lead;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.scoring.model.LeadModel;
import ai.omniflow.scoring.model.ModelInput;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads stored models back once per org and version, and says what a model reads about a lead. The
 * models read are kept in a Caffeine cache of at most {@value #MAX_MODELS} (org, version) entries,
 * least recently used going first, with statistics recorded. Thread-safe.
 */
final class LeadModels {
  /** How many orgs' learned models are kept read at most. */
  static final int MAX_MODELS = 1024;

  /** An org's model in use, with the version of the run that made it. */
  record Active(int version, LeadModel model) {}

  private record Key(UUID orgId, int version) {}

  private final Cache<Key, Active> cache;

  LeadModels() {
    this(MAX_MODELS);
  }

  LeadModels(long maximumSize) {
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
  }

  Active active(UUID orgId, ModelRun run) {
    return cache.get(
        new Key(orgId, run.version()),
        k -> new Active(run.version(), LeadModel.fromJson(Objects.requireNonNull(run.model()))));
  }

  /** Hits, misses and evictions of the models kept. */
  CacheStats stats() {
    return cache.stats();
  }

  static ModelInput input(Lead lead, LeadSignals signals) {
    return new ModelInput(
        lead.fields(),
        lead.sourceChannel() == null ? null : lead.sourceChannel().id(),
        signals.intents(),
        signals.firstResponseTime(),
        signals.inbound().size(),
        signals.outboundCount());
  }
}
