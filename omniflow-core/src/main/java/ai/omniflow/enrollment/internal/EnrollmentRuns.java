package ai.omniflow.enrollment.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.Facts;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.enrollment.Advance;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.EnrollmentStepper;
import ai.omniflow.enrollment.Replies;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.fields.Problem;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.internal.EnrollmentStops;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.LeadStageChanges;
import ai.omniflow.internal.TaskRecords;
import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.NurtureEvents;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tasks.Task;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Runs an enrollment's due step, claim, commit, then call (decision 0061): one transaction locks
 * the enrollment, moves it on with the pure {@link EnrollmentStepper}, writes what the step did (a
 * draft for a send, a stored task with event {@code nurture.task_due} for a task step, the lead's
 * new stage through the lead engine for a stage step, a history line each time) and commits; only
 * then is the draft sent through {@link InboxService#send}, which checks the guardrails again and
 * claims the draft with its own id as the provider's idempotency key. {@link
 * ai.omniflow.enrollment.EnrollmentService#runStep} delegates to it; its Javadoc is the spec. Not
 * API. Thread-safe.
 */
public final class EnrollmentRuns {
  /** How many of the contact's latest messages a step reads: replies, channels, caps. */
  static final int MESSAGES_READ = 200;

  private final Store store;
  private final Clock clock;
  private final PackCatalog packs;
  private final InboxService inbox;
  private final IntentClassifier classifier;
  private final Guardrails guardrails;
  private final LeadStageChanges stages;

  /**
   * @param guardrails the guardrails every step's send passes; each run adds the org's time zone to
   *     them, so that a contact whose zone cannot be known gets the org's quiet hours and days
   * @param stages the lead engine's stage change, which a stage step runs in its transaction
   */
  public EnrollmentRuns(
      Store store,
      Clock clock,
      PackCatalog packs,
      InboxService inbox,
      IntentClassifier classifier,
      Guardrails guardrails,
      LeadStageChanges stages) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.stages = Objects.requireNonNull(stages, "stages");
  }

  /** What the committed step leaves to do outside the transaction. */
  private record Ran(@Nullable Instant next, @Nullable UUID threadId, @Nullable UUID draftId) {}

  /** As {@link ai.omniflow.enrollment.EnrollmentService#runStep}. */
  public Optional<Instant> run(UUID orgId, UUID enrollmentId) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    Actor system = Actor.system(orgId);
    Ran ran = store.inTransaction(system, tx -> runIn(tx, enrollmentId));
    if (ran.draftId() != null && ran.threadId() != null) {
      send(system, enrollmentId, ran.threadId(), ran.draftId());
    }
    return Optional.ofNullable(ran.next());
  }

  /** The call after the commit; a refusal or failure is written to the history, never retried. */
  private void send(Actor system, UUID enrollmentId, UUID threadId, UUID draftId) {
    String failure;
    try {
      inbox.send(system, threadId, draftId);
      return;
    } catch (OmniFlowException e) {
      failure = e.code();
    } catch (RuntimeException e) {
      // Nobody knows whether the provider took it: the draft's claim stays for reconciliation.
      failure = "send_failed_unexpectedly";
    }
    String code = failure;
    store.useTransaction(
        system,
        tx ->
            tx.enrollments()
                .append(
                    new EnrollmentHistoryEntry(
                        Ids.next(),
                        system.orgId(),
                        enrollmentId,
                        EnrollmentHistoryEntry.Kind.SEND_FAILED,
                        null,
                        code + " (draft " + draftId + ")",
                        clock.instant())));
  }

  private Ran runIn(StoreTransaction tx, UUID enrollmentId) {
    StoredEnrollment seen = tx.enrollments().find(enrollmentId).orElse(null);
    if (seen == null || !seen.enrollment().active()) {
      return new Ran(null, null, null);
    }
    // The lead first, then the enrollment: the order in which an outcome stops the lead's
    // enrollments, so that a stage step and a lead won at the same moment never deadlock.
    Lead lead = tx.leads().lock(seen.enrollment().leadId()).orElse(null);
    StoredEnrollment s = tx.enrollments().lock(enrollmentId).orElse(null);
    if (s == null || !s.enrollment().active()) {
      return new Ran(null, null, null);
    }
    Instant now = clock.instant();
    if (now.isBefore(s.enrollment().nextRunAt())) {
      // Run early (a revived execution, a moved run): nothing is due yet.
      return new Ran(s.enrollment().nextRunAt(), null, null);
    }
    if (lead == null || !lead.isOpen()) {
      EnrollmentStops.stop(tx, s, "lead_closed", null, now);
      return new Ran(null, null, null);
    }
    VerticalPack pack = Playbooks.pack(tx, packs);
    StoredPlaybook own = tx.playbooks().find(s.enrollment().playbookKey()).orElse(null);
    Playbook playbook =
        own != null
            ? own.playbook()
            : pack.nurture().playbook(s.enrollment().playbookKey()).orElse(null);
    if (playbook == null) {
      EnrollmentStops.stop(tx, s, "unknown_playbook", "the org has it no more", now);
      return new Ran(null, null, null);
    }
    // The org's own is checked against the pack as it is now: its pack may have changed (0087).
    List<Problem> problems = own == null ? List.of() : PlaybookChecks.problems(playbook, pack);
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    List<ContactMessage> messages = tx.inbox().contactMessages(s.contactId(), MESSAGES_READ);
    Guardrails orgGuardrails = GuardrailFacts.forOrg(guardrails, org);
    Advance a =
        new EnrollmentStepper(orgGuardrails)
            .advance(
                playbook,
                s.enrollment(),
                GuardrailFacts.of(tx, s.contactId(), org, messages, orgGuardrails, now),
                lastChannel(messages),
                replies(messages, s.enrollment().lastSendAt(), pack),
                LeadStates.of(
                    tx,
                    pack,
                    lead,
                    messages,
                    LeadStates.lastIntent(playbook, messages, pack, classifier)),
                now,
                PlaybookChecks.brokenSteps(problems));
    Enrollment after = a.enrollment();
    if (after.equals(s.enrollment())) {
      return new Ran(after.nextRunAt(), null, null);
    }
    StoredEnrollment saved = s.with(after, now);
    UUID threadId = null;
    UUID draftId = null;
    if (a instanceof Advance.Send send) {
      threadId = threadOn(messages, send.channel());
      String text = threadId == null ? null : text(tx, pack, lead, org, send.step());
      if (threadId == null || text == null) {
        saved = s.with(s.enrollment().stop("no_reachable_channel", now), now);
        tx.enrollments().update(saved);
        StepRecords.ended(tx, saved, send.step().key(), now);
        return new Ran(null, null, null);
      }
      Draft draft = Draft.of(Ids.next(), s.orgId(), threadId, text, null, now);
      tx.inbox().insertDraft(draft);
      draftId = draft.id();
      tx.enrollments().update(saved);
      StepRecords.history(
          tx,
          saved,
          EnrollmentHistoryEntry.Kind.SENT,
          send.step().key(),
          send.channel().id() + ", draft " + draft.id(),
          now);
      Map<String, @Nullable Object> p = EnrollmentStops.payload(saved);
      p.put("step_key", send.step().key());
      p.put("channel", send.channel().id());
      p.put("thread_id", threadId.toString());
      p.put("draft_id", draft.id().toString());
      StepRecords.step(tx, NurtureEvents.NURTURE_STEP_SENT, saved, p, now);
    } else if (a instanceof Advance.CreateTask task) {
      tx.enrollments().update(saved);
      // The task is stored in the step's transaction; a step run again makes no second one.
      Task made =
          TaskRecords.fromStep(tx, lead, saved.id(), task.step(), task.dueAt(), now).orElse(null);
      StepRecords.history(
          tx,
          saved,
          EnrollmentHistoryEntry.Kind.TASK_CREATED,
          task.step().key(),
          (made == null ? "task made before: " : "task " + made.id() + ": ") + task.step().title(),
          now);
      Map<String, @Nullable Object> p = EnrollmentStops.payload(saved);
      p.put("step_key", task.step().key());
      p.put("task_id", made == null ? null : made.id().toString());
      p.put("task_kind", task.step().task().name().toLowerCase(Locale.ROOT));
      p.put("title", task.step().title());
      p.put("owner_user_id", lead.ownerUserId() == null ? null : lead.ownerUserId().toString());
      p.put("due_at", task.dueAt().toString());
      StepRecords.step(tx, NurtureEvents.NURTURE_TASK_DUE, saved, p, now);
    } else if (a instanceof Advance.ChangeStage change) {
      return changeStage(tx, s, saved, lead, change.step(), now);
    } else if (a instanceof Advance.Deferred deferred) {
      tx.enrollments().update(saved);
      StepRecords.history(
          tx,
          saved,
          EnrollmentHistoryEntry.Kind.DEFERRED,
          playbook.steps().get(after.step()).key(),
          deferred.decision().code() + " until " + after.nextRunAt(),
          now);
    } else if (a instanceof Advance.Wait) {
      tx.enrollments().update(saved);
      PlaybookStep wait = playbook.steps().get(after.step() - 1);
      StepRecords.history(
          tx,
          saved,
          EnrollmentHistoryEntry.Kind.WAITING,
          wait.key(),
          "until " + after.nextRunAt(),
          now);
    } else {
      tx.enrollments().update(saved);
      int at = Math.min(after.step(), playbook.steps().size() - 1);
      Problem why =
          PlaybookChecks.INVALID.equals(after.endReason()) ? PlaybookChecks.at(problems, at) : null;
      StepRecords.ended(
          tx,
          saved,
          playbook.steps().get(at).key(),
          why == null ? null : after.endReason() + ": " + why.path() + " " + why.message(),
          now);
    }
    return new Ran(after.active() ? after.nextRunAt() : null, threadId, draftId);
  }

  /**
   * Moves the lead through the lead engine's stage change, in this transaction. A stage the pack
   * lost, or one that now closes the lead, ends the enrollment with the refusal's code; the lead
   * engine refuses before it writes, so the transaction goes on.
   */
  private Ran changeStage(
      StoreTransaction tx,
      StoredEnrollment s,
      StoredEnrollment saved,
      Lead lead,
      PlaybookStep.ChangeStage step,
      Instant now) {
    Map<String, @Nullable Object> because = new LinkedHashMap<>();
    because.put("enrollment_id", s.id().toString());
    because.put("step_key", step.key());
    Lead moved;
    try {
      moved = stages.changeStage(tx, lead.id(), step.stage(), because);
    } catch (OmniFlowException e) {
      StoredEnrollment stopped = s.with(s.enrollment().stop(e.code(), now), now);
      tx.enrollments().update(stopped);
      StepRecords.ended(tx, stopped, step.key(), now);
      return new Ran(null, null, null);
    }
    tx.enrollments().update(saved);
    StepRecords.history(
        tx,
        saved,
        EnrollmentHistoryEntry.Kind.STAGE_CHANGED,
        step.key(),
        lead.stage().equals(moved.stage())
            ? "at " + moved.stage() + " already"
            : lead.stage() + " to " + moved.stage(),
        now);
    Enrollment after = saved.enrollment();
    return new Ran(after.active() ? after.nextRunAt() : null, null, null);
  }

  /** The channel of the contact's latest inbound message. */
  private static @Nullable Channel lastChannel(List<ContactMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ContactMessage m = messages.get(i);
      if (m.message().direction() == MessageDirection.INBOUND) {
        return m.channel();
      }
    }
    return null;
  }

  /** The thread of the contact's latest inbound message on {@code channel}. */
  private static @Nullable UUID threadOn(List<ContactMessage> messages, Channel channel) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ContactMessage m = messages.get(i);
      if (m.channel() == channel && m.message().direction() == MessageDirection.INBOUND) {
        return m.message().threadId();
      }
    }
    return null;
  }

  /** Whether the contact wrote since {@code since}, and the intent of the latest such message. */
  private Replies replies(List<ContactMessage> messages, Instant since, VerticalPack pack) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ContactMessage m = messages.get(i);
      if (m.message().direction() == MessageDirection.INBOUND
          && m.message().sentAt().isAfter(since)) {
        String intent = classifier.classify(m.message().text(), pack).intent();
        return new Replies(true, intent, false);
      }
    }
    return Replies.NONE;
  }

  /** The step's template in the lead's language, filled from what OmniFlow knows. */
  private static @Nullable String text(
      StoreTransaction tx, VerticalPack pack, Lead lead, Org org, PlaybookStep.Send step) {
    Contact contact = tx.contacts().find(lead.contactId()).orElse(null);
    String language =
        lead.language() != null
            ? lead.language()
            : contact != null && contact.language() != null ? contact.language() : "en";
    String template = pack.nurture().template(step.template(), language).orElse(null);
    if (template == null) {
      return null;
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(Facts.ORG_NAME, org.name());
    if (contact != null && contact.displayName() != null && !contact.displayName().isBlank()) {
      String name = contact.displayName().strip();
      facts.put(Facts.CONTACT_NAME, name);
      facts.put(Facts.CONTACT_FIRST_NAME, name.split("\\s+", 2)[0]);
    }
    if (lead.ownerUserId() != null) {
      tx.users()
          .find(lead.ownerUserId())
          .ifPresent(
              u -> {
                facts.put(Facts.AGENT_NAME, u.displayName());
                facts.put(Facts.AGENT_FIRST_NAME, u.displayName().strip().split("\\s+", 2)[0]);
              });
    }
    String text = TemplateReplySuggester.fillTemplate(template, new Facts(facts));
    return text == null || text.length() > Draft.MAX_TEXT ? null : text;
  }
}
