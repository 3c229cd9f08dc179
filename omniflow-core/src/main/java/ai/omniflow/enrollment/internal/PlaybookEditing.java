package ai.omniflow.enrollment.internal;

import ai.omniflow.InputError;
import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.fields.Problem;
import ai.omniflow.internal.EnrollmentStops;
import ai.omniflow.internal.Recorder;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.NurtureEvents;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookJson;
import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.PlaybookRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reading, adding, changing and deleting an org's playbooks: the use cases of {@link
 * ai.omniflow.enrollment.PlaybookService}, whose Javadoc is the spec. Not API. Thread-safe.
 */
public final class PlaybookEditing {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** Why an enrollment ended when its playbook was deleted with its enrollments stopped. */
  static final String PLAYBOOK_DELETED = "playbook_deleted";

  private final Store store;
  private final Clock clock;
  private final PackCatalog packs;

  public PlaybookEditing(Store store, Clock clock, PackCatalog packs) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.packs = Objects.requireNonNull(packs, "packs");
  }

  /** As {@link ai.omniflow.enrollment.PlaybookService#list}. */
  public List<OrgPlaybook> list(Actor actor) {
    Permission.LEADS_READ.check(actor);
    return store.inTransaction(actor, tx -> inForce(tx, Playbooks.pack(tx, packs)));
  }

  /** As {@link ai.omniflow.enrollment.PlaybookService#get}. */
  public OrgPlaybook get(Actor actor, String key) {
    Permission.LEADS_READ.check(actor);
    requireKey(key);
    return store.inTransaction(
        actor,
        tx -> find(tx, Playbooks.pack(tx, packs), key).orElseThrow(PlaybookEditing::unknown));
  }

  /** As {@link ai.omniflow.enrollment.PlaybookService#create}. */
  public OrgPlaybook create(Actor actor, @Nullable Object json) {
    Permission.PLAYBOOKS_MANAGE.check(actor);
    Playbook parsed = PlaybookJson.read(json, null);
    return store.inTransaction(
        actor,
        tx -> {
          VerticalPack pack = Playbooks.pack(tx, packs);
          tx.playbooks().lockKey(parsed.key());
          if (tx.playbooks().find(parsed.key()).isPresent()) {
            throw OmniFlowException.conflict(
                NurtureErrors.PLAYBOOK_EXISTS,
                "The org has its own playbook with that key already; change it with PUT.");
          }
          if (tx.playbooks().list().size() >= PlaybookRepository.MAX_PLAYBOOKS) {
            throw OmniFlowException.conflict(
                NurtureErrors.PLAYBOOK_LIMIT,
                "The org has "
                    + PlaybookRepository.MAX_PLAYBOOKS
                    + " playbooks of its own, the most it may have.");
          }
          return save(tx, pack, parsed, null);
        });
  }

  /** As {@link ai.omniflow.enrollment.PlaybookService#replace}. */
  public OrgPlaybook replace(Actor actor, String key, @Nullable Object json) {
    Permission.PLAYBOOKS_MANAGE.check(actor);
    requireKey(key);
    Playbook parsed = PlaybookJson.read(json, key);
    return store.inTransaction(
        actor,
        tx -> {
          VerticalPack pack = Playbooks.pack(tx, packs);
          tx.playbooks().lockKey(key);
          Optional<StoredPlaybook> own = tx.playbooks().find(key);
          if (own.isEmpty() && pack.nurture().playbook(key).isEmpty()) {
            throw unknown();
          }
          return save(tx, pack, parsed, own.orElse(null));
        });
  }

  /**
   * Refuses a change of a playbook an active enrollment follows, unless it is a repair (decision
   * 0099): the org's stored version no longer fits the pack, {@code next} does (checked before),
   * and {@code next} keeps every step of the stored version at its place, by key, and its {@code
   * stop_on_reply}. An enrollment's place is a step index (decision 0061), so then every active
   * enrollment, wherever it is and wherever a run moves it meanwhile, goes on at the step it was
   * at, now fixed; no enrollment row is rewritten.
   */
  private static void requireIdleOrRepair(
      StoreTransaction tx, VerticalPack pack, Playbook next, @Nullable StoredPlaybook old) {
    if (!tx.enrollments().anyActiveOfPlaybook(next.key())) {
      return;
    }
    if (old == null || PlaybookChecks.problems(old.playbook(), pack).isEmpty()) {
      throw inUse();
    }
    List<InputError> moved = PlaybookChecks.moved(old.playbook(), next);
    if (!moved.isEmpty()) {
      throw OmniFlowException.conflict(
          NurtureErrors.PLAYBOOK_IN_USE,
          "An enrollment in the playbook is active. A fix of a playbook that no longer fits the"
              + " pack is saved while enrollments run only when it keeps each step's key at its"
              + " place and stop_on_reply as they were (steps may be added after the last); "
              + moved.get(0).message()
              + (moved.size() > 1 ? " (and " + (moved.size() - 1) + " more)" : "")
              + ". Change the steps' contents in place, or stop those enrollments first.",
          moved);
    }
  }

  /** As {@link ai.omniflow.enrollment.PlaybookService#delete(Actor, String, boolean)}. */
  public Optional<OrgPlaybook> delete(Actor actor, String key, boolean stopEnrollments) {
    Permission.PLAYBOOKS_MANAGE.check(actor);
    requireKey(key);
    return store.inTransaction(
        actor,
        tx -> {
          VerticalPack pack = Playbooks.pack(tx, packs);
          tx.playbooks().lockKey(key);
          StoredPlaybook own = tx.playbooks().find(key).orElse(null);
          if (own == null) {
            if (pack.nurture().playbook(key).isPresent()) {
              throw OmniFlowException.conflict(
                  NurtureErrors.PACK_PLAYBOOK,
                  "The playbook is the pack's and the org has not changed it; a pack's playbook"
                      + " is overridden with PUT, not deleted.");
            }
            throw unknown();
          }
          Instant now = clock.instant();
          if (stopEnrollments) {
            stopAll(tx, key, actor.userId() == null ? null : "by user " + actor.userId(), now);
          } else if (tx.enrollments().anyActiveOfPlaybook(key)) {
            throw OmniFlowException.conflict(
                NurtureErrors.PLAYBOOK_IN_USE,
                "An enrollment in the playbook is active; it is not deleted under it. Delete it"
                    + " with its enrollments stopped (stop_enrollments), or stop them first.");
          }
          tx.playbooks().delete(key);
          Map<String, @Nullable Object> before = PlaybookJson.toJson(own.playbook());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  NurtureEvents.NURTURE_PLAYBOOK_DELETED,
                  NurtureEvents.AUDIT_NURTURE_PLAYBOOK,
                  "playbook",
                  key,
                  payload(key, pack.nurture().playbook(key).isPresent()),
                  before,
                  null));
          return pack.nurture()
              .playbook(key)
              .map(p -> new OrgPlaybook(p, OrgPlaybook.Origin.PACK, null));
        });
  }

  private OrgPlaybook save(
      StoreTransaction tx, VerticalPack pack, Playbook playbook, @Nullable StoredPlaybook old) {
    List<Problem> problems = PlaybookChecks.problems(playbook, pack);
    if (!problems.isEmpty()) {
      throw PlaybookJson.refuse(playbook.key(), problems);
    }
    requireIdleOrRepair(tx, pack, playbook, old);
    Instant now = clock.instant();
    StoredPlaybook saved =
        new StoredPlaybook(tx.actor().orgId(), playbook, old == null ? now : old.createdAt(), now);
    tx.playbooks().save(saved);
    boolean overrides = pack.nurture().playbook(playbook.key()).isPresent();
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            NurtureEvents.NURTURE_PLAYBOOK_SAVED,
            NurtureEvents.AUDIT_NURTURE_PLAYBOOK,
            "playbook",
            playbook.key(),
            payload(playbook.key(), overrides),
            old == null ? null : PlaybookJson.toJson(old.playbook()),
            PlaybookJson.toJson(playbook)));
    return new OrgPlaybook(
        playbook, overrides ? OrgPlaybook.Origin.OVERRIDE : OrgPlaybook.Origin.ORG, now);
  }

  /**
   * The pack's playbooks in its order, each replaced by the org's with its key, then the org's; the
   * org's each checked against {@code pack} as it is now (decision 0087).
   */
  static List<OrgPlaybook> inForce(StoreTransaction tx, VerticalPack pack) {
    Map<String, StoredPlaybook> own = new LinkedHashMap<>();
    for (StoredPlaybook s : tx.playbooks().list()) {
      own.put(s.key(), s);
    }
    List<OrgPlaybook> out = new ArrayList<>();
    for (Playbook p : pack.nurture().playbooks()) {
      StoredPlaybook mine = own.remove(p.key());
      out.add(
          mine == null
              ? new OrgPlaybook(p, OrgPlaybook.Origin.PACK, null)
              : PlaybookChecks.own(mine, pack));
    }
    for (StoredPlaybook mine : own.values()) {
      out.add(PlaybookChecks.own(mine, pack));
    }
    return List.copyOf(out);
  }

  /** The playbook in force with {@code key}, the org's checked against {@code pack}. */
  static Optional<OrgPlaybook> find(StoreTransaction tx, VerticalPack pack, String key) {
    Optional<StoredPlaybook> own = tx.playbooks().find(key);
    if (own.isPresent()) {
      return Optional.of(PlaybookChecks.own(own.get(), pack));
    }
    return pack.nurture().playbook(key).map(p -> new OrgPlaybook(p, OrgPlaybook.Origin.PACK, null));
  }

  /**
   * Stops every active enrollment in the playbook {@code key} as {@value #PLAYBOOK_DELETED}, a page
   * of them at a time, in the caller's transaction.
   */
  private static void stopAll(
      StoreTransaction tx, String key, @Nullable String detail, Instant now) {
    Set<UUID> stopped = new HashSet<>();
    for (List<StoredEnrollment> page = tx.enrollments().activeOfPlaybook(key);
        !page.isEmpty();
        page = tx.enrollments().activeOfPlaybook(key)) {
      for (StoredEnrollment s : page) {
        if (!stopped.add(s.id())) {
          throw new IllegalStateException("The store reads a stopped enrollment as active.");
        }
        EnrollmentStops.stop(tx, s, PLAYBOOK_DELETED, detail, now);
      }
    }
  }

  private static OmniFlowException inUse() {
    return OmniFlowException.conflict(
        NurtureErrors.PLAYBOOK_IN_USE,
        "An enrollment in the playbook is active; it is not changed under it. Stop those"
            + " enrollments first, or save the change under a new key.");
  }

  private static Map<String, @Nullable Object> payload(String key, boolean packHasIt) {
    Map<String, @Nullable Object> p = new LinkedHashMap<>();
    p.put("playbook_id", key);
    p.put("pack_has_it", packHasIt);
    return p;
  }

  private static void requireKey(@Nullable String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw OmniFlowException.notFound("The playbook");
    }
  }

  private static OmniFlowException unknown() {
    return new OmniFlowException(
        OmniFlowException.Kind.NOT_FOUND,
        NurtureErrors.UNKNOWN_PLAYBOOK,
        "The org has no playbook with that id.");
  }
}
