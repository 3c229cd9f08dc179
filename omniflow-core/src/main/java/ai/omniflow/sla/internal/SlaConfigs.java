package ai.omniflow.sla.internal;

import ai.omniflow.internal.Recorder;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaEvents;
import ai.omniflow.sla.SlaJson;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and replaces the SLA policy in force: the org's own, else its pack's default. Not API: the
 * spec is {@link ai.omniflow.sla.SlaService#config} and {@link
 * ai.omniflow.sla.SlaService#replaceConfig}.
 */
public final class SlaConfigs {
  /** The slug of the pack whose default is {@link SlaPolicy#realEstateDefault()}. */
  static final String REAL_ESTATE = "real-estate";

  private final Store store;
  private final Clock clock;

  public SlaConfigs(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.sla.SlaService#config}. */
  public SlaConfig config(Actor actor) {
    Permission.SLA_READ.check(actor);
    return store.inTransaction(actor, SlaConfigs::effective);
  }

  /** The policy in force in {@code tx}'s org. */
  public static SlaConfig effective(StoreTransaction tx) {
    Optional<SlaPolicy> own = tx.sla().policy();
    if (own.isPresent()) {
      return new SlaConfig(own.get(), SlaConfig.Source.ORG);
    }
    return new SlaConfig(packDefault(tx.orgs().current().orElse(null)), SlaConfig.Source.PACK);
  }

  /** The default of the org's pack: real-estate's, else the generic one. */
  static SlaPolicy packDefault(@org.jspecify.annotations.Nullable Org org) {
    return packDefault(org == null ? null : org.packSlug());
  }

  /** The default of the pack {@code packSlug}: real-estate's, else the generic one. */
  static SlaPolicy packDefault(@org.jspecify.annotations.Nullable String packSlug) {
    return REAL_ESTATE.equals(packSlug)
        ? SlaPolicy.realEstateDefault()
        : SlaPolicy.genericDefault();
  }

  /** The policy in force given the org's own ({@code null} if none) and its pack. */
  static SlaConfig of(
      @org.jspecify.annotations.Nullable SlaPolicy own,
      @org.jspecify.annotations.Nullable String packSlug) {
    return own != null
        ? new SlaConfig(own, SlaConfig.Source.ORG)
        : new SlaConfig(packDefault(packSlug), SlaConfig.Source.PACK);
  }

  /** As {@link ai.omniflow.sla.SlaService#replaceConfig}. */
  public SlaConfig replace(Actor actor, SlaPolicy policy) {
    Permission.SLA_MANAGE.check(actor);
    Objects.requireNonNull(policy, "policy");
    return store.inTransaction(
        actor,
        tx -> {
          policy.requireKnownGroups(g -> tx.routing().findGroup(g).isPresent());
          SlaConfig before = effective(tx);
          SlaConfig after = new SlaConfig(policy, SlaConfig.Source.ORG);
          if (before.equals(after)) {
            return before;
          }
          tx.sla().savePolicy(policy);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  SlaEvents.SLA_CONFIG_REPLACED,
                  SlaEvents.AUDIT_SLA_CONFIG_REPLACE,
                  "sla_config",
                  actor.orgId().toString(),
                  SlaJson.toJson(policy),
                  SlaJson.toJson(before.policy()),
                  SlaJson.toJson(policy)));
          return after;
        });
  }
}
