package ai.omniflow.leads.internal;

import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.Rescore;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The rescoring use case: every open lead of the org scored again, in batches of one transaction
 * each, after its pack or model changed. {@link LeadService} delegates to it (decision 0033); the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadRescoring {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final LeadScoring scoring;

  public LeadRescoring(Store store, PackCatalog packs, Clock clock, LeadScoring scoring) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scoring = Objects.requireNonNull(scoring, "scoring");
  }

  /** As {@link LeadService#rescoreAfterPackChange}. */
  public Optional<UUID> rescoreAfterPackChange(
      UUID org, String packSlug, String packVersion, @Nullable UUID after, int batchSize) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(packSlug, "packSlug");
    Objects.requireNonNull(packVersion, "packVersion");
    checkBatchSize(batchSize);
    return store.inTransaction(
        Actor.system(org),
        tx -> {
          Optional<Org> current = tx.orgs().current();
          if (current.isEmpty()
              || !packSlug.equals(current.get().packSlug())
              || !packVersion.equals(current.get().packVersion())) {
            return Optional.<UUID>empty(); // the org chose again: that selection's run takes over
          }
          VerticalPack pack = LeadTx.pack(tx, packs);
          if (pack.scoring() == null) {
            return Optional.<UUID>empty(); // a pack without rules scores nothing
          }
          List<UUID> batch = tx.leads().openIds(after, batchSize);
          if (batch.isEmpty()) {
            return Optional.<UUID>empty();
          }
          Instant now = clock.instant();
          LeadModels.Active model = scoring.activeModel(tx);
          for (UUID id : batch) {
            Optional<Lead> lead = tx.leads().lock(id);
            if (lead.isPresent() && lead.get().isOpen()) {
              scoring.scoreIn(tx, pack, lead.get(), "pack_changed", now, model);
            }
          }
          return Optional.of(batch.get(batch.size() - 1));
        });
  }

  private static void checkBatchSize(int batchSize) {
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1 to 1000");
    }
  }

  /** As {@link LeadService#rescoreOpen}. */
  public Rescore rescoreOpen(Actor actor, String reason, int batchSize) {
    Permission.LEADS_MANAGE.check(actor);
    Objects.requireNonNull(reason, "reason");
    checkBatchSize(batchSize);
    int scored = 0;
    int changed = 0;
    int batches = 0;
    UUID after = null;
    while (true) {
      UUID from = after;
      int[] counts = new int[2];
      List<UUID> ids =
          store.inTransaction(
              actor,
              tx -> {
                List<UUID> batch = tx.leads().openIds(from, batchSize);
                if (batch.isEmpty()) {
                  return batch;
                }
                VerticalPack pack = LeadTx.pack(tx, packs);
                if (pack.scoring() == null) {
                  return List.<UUID>of(); // a pack without rules scores nothing
                }
                Instant now = clock.instant();
                LeadModels.Active model = scoring.activeModel(tx);
                for (UUID id : batch) {
                  Optional<Lead> lead = tx.leads().lock(id);
                  if (lead.isPresent() && lead.get().isOpen()) {
                    counts[0]++;
                    if (scoring.scoreIn(tx, pack, lead.get(), reason, now, model).changed()) {
                      counts[1]++;
                    }
                  }
                }
                return batch;
              });
      if (ids.isEmpty()) {
        return new Rescore(scored, changed, batches);
      }
      batches++;
      scored += counts[0];
      changed += counts[1];
      after = ids.get(ids.size() - 1);
    }
  }
}
