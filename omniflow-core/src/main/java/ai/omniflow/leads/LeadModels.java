package ai.omniflow.leads;

import ai.omniflow.scoring.model.LeadModel;
import ai.omniflow.scoring.model.ModelInput;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reads stored models back once per org and version, and says what a model reads about a lead. */
final class LeadModels {
  private static final int MAX_CACHED = 256;

  /** An org's model in use, with the version of the run that made it. */
  record Active(int version, LeadModel model) {}

  private final Map<String, Active> cache = new ConcurrentHashMap<>();

  Active active(UUID orgId, ModelRun run) {
    String key = orgId + "@" + run.version();
    Active a = cache.get(key);
    if (a == null) {
      a =
          new Active(
              run.version(), LeadModel.fromJson(java.util.Objects.requireNonNull(run.model())));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, a);
    }
    return a;
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
