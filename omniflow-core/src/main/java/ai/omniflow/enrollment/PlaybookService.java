package ai.omniflow.enrollment;

import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.enrollment.internal.PlaybookEditing;
import ai.omniflow.enrollment.internal.Suggesting;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.internal.Wiring;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An org's nurture playbooks: the pack's, each replaced by the org's own with the same key, and the
 * org's own; and which of them fit a lead now. Obtain it from {@link
 * ai.omniflow.OmniFlow#playbooks()}; docs/nurture.md describes playbooks, decision 0067 their
 * editing.
 *
 * <pre>{@code
 * List<OrgPlaybook> all = omniFlow.playbooks().list(agent);
 * OrgPlaybook mine = omniFlow.playbooks().replace(manager, "gentle-follow-up", json);
 * NurtureSuggestions s = omniFlow.playbooks().suggest(agent, leadId);
 * }</pre>
 *
 * <p>An org's playbook is checked exactly as a pack's: {@link ai.omniflow.nurture.PlaybookJson}
 * reads it and runs the graph checks, {@link ai.omniflow.nurture.PlaybookValidator} checks it
 * against the pack's templates, intents and stages; a refused one writes nothing. The org's pack
 * may change after the save (another pack, an override, an upgrade): each read checks the org's
 * playbooks again against the pack as it is now, and one that no longer validates is {@code
 * invalid} with its problems ({@link OrgPlaybook#status()}, decision 0087) until saved again,
 * fixed; a pack change is never refused because of a playbook. A playbook that an active enrollment
 * follows is not changed (but for a repair) or deleted, unless the delete stops its enrollments.
 * Enrollments follow the org's version. Each change writes event {@code nurture.playbook_saved} or
 * {@code nurture.playbook_deleted}, audited as {@code nurture.playbook}. Thread-safe.
 */
public final class PlaybookService {
  // A facade: each use case is a class of one concern in enrollment.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        PlaybookService.class,
        w ->
            new PlaybookService(
                new PlaybookEditing(w.store(), w.clock(), w.packs()),
                new Suggesting(
                    w.store(),
                    w.clock(),
                    w.packs(),
                    w.part(IntentClassifier.class),
                    Guardrails.ofDefaults())));
  }

  private final PlaybookEditing editing;
  private final Suggesting suggesting;

  PlaybookService(PlaybookEditing editing, Suggesting suggesting) {
    this.editing = Objects.requireNonNull(editing, "editing");
    this.suggesting = Objects.requireNonNull(suggesting, "suggesting");
  }

  /**
   * The playbooks in force: the pack's in its order (each {@code pack}, or {@code override} where
   * the org has its own with that key), then the org's own ({@code org}) by key; the org's each
   * with its {@link OrgPlaybook#status()} against the org's pack as it is now.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     pack_required} (conflict) if the org has no pack
   */
  public List<OrgPlaybook> list(Actor actor) {
    return editing.list(actor);
  }

  /**
   * The playbook in force with {@code key}.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     unknown_playbook} (not found) if there is none; {@code not_found} if the key is malformed
   */
  public OrgPlaybook get(Actor actor, String key) {
    return editing.get(actor, key);
  }

  /**
   * Adds the org's own playbook, the JSON of {@link ai.omniflow.nurture.PlaybookJson} with its
   * {@code key}: a key the pack has makes it the pack's override.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PLAYBOOKS_MANAGE}; {@code
   *     invalid_playbook} (invalid input) naming the path of each problem; (conflict) {@code
   *     playbook_exists} if the org has its own with that key, {@code playbook_in_use} if an
   *     enrollment in the pack's playbook with that key is active, {@code playbook_limit} past 50
   */
  public OrgPlaybook create(Actor actor, @Nullable Object json) {
    return editing.create(actor, json);
  }

  /**
   * Replaces the org's playbook {@code key}, or overrides the pack's with that key.
   *
   * <p>While an enrollment in it is active, only a repair is saved (decision 0099): the org's
   * stored version no longer fits the pack, and the new one keeps each of its steps' keys at its
   * index and its {@code stop_on_reply} (steps may be added after the last; a step's contents and
   * kind may change). Every active enrollment then goes on at the step it holds, now fixed.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PLAYBOOKS_MANAGE}; {@code
   *     invalid_playbook} (invalid input) naming the path of each problem, a {@code key} in the
   *     JSON other than {@code key} included; {@code unknown_playbook} (not found) if neither the
   *     org nor the pack has it; {@code playbook_in_use} (conflict) if an enrollment in it is
   *     active and this is no repair, with each step a fix would move in {@link
   *     OmniFlowException#errors()}
   */
  public OrgPlaybook replace(Actor actor, String key, @Nullable Object json) {
    return editing.replace(actor, key, json);
  }

  /**
   * Deletes the org's own playbook {@code key}, refused while an enrollment in it is active: {@link
   * #delete(Actor, String, boolean) delete(actor, key, false)}.
   *
   * @return the pack's playbook with that key, in force again, or empty if the pack has none
   * @throws OmniFlowException as {@link #delete(Actor, String, boolean)}
   */
  public Optional<OrgPlaybook> delete(Actor actor, String key) {
    return editing.delete(actor, key, false);
  }

  /**
   * Deletes the org's own playbook {@code key}; with {@code stopEnrollments}, first stops each
   * enrollment in it that is active ({@code playbook_deleted}: its pending run cancelled, a {@code
   * stopped} line in its history, event {@code nurture.stopped}, audited), in the same transaction,
   * so a refused delete stops nothing. This is how a playbook leads are in is retired, one that no
   * longer fits the pack included (decision 0106); an enrollment cannot go on in a playbook that is
   * gone, and one of a pack's playbook whose override is deleted would go on in another version.
   *
   * @return the pack's playbook with that key, in force again, or empty if the pack has none
   * @throws OmniFlowException {@code forbidden} without {@link Permission#PLAYBOOKS_MANAGE}; {@code
   *     unknown_playbook} (not found) if there is no such playbook; (conflict) {@code
   *     pack_playbook} if it is the pack's, unchanged, {@code playbook_in_use} if an enrollment in
   *     it is active and {@code stopEnrollments} is false
   */
  public Optional<OrgPlaybook> delete(Actor actor, String key, boolean stopEnrollments) {
    return editing.delete(actor, key, stopEnrollments);
  }

  /**
   * The playbooks that fit the lead now, the most specific first, each with why (its {@link
   * ai.omniflow.nurture.Fit}: stage, score band, the intent of the contact's latest message, the
   * silence since it) and its first moves as an enrollment made now would run them, if the contact
   * does not reply: quiet hours and caps defer, a contact no channel reaches ends it ({@code
   * blocked}). The org's playbooks that no longer fit its pack are left out, each in {@link
   * NurtureSuggestions#leftOut()} with why. Writes nothing.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead; {@code pack_required} (conflict) without a pack
   */
  public NurtureSuggestions suggest(Actor actor, UUID leadId) {
    return suggesting.suggest(actor, leadId);
  }
}
