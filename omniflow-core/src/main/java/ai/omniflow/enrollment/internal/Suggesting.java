package ai.omniflow.enrollment.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.enrollment.Advance;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentStepper;
import ai.omniflow.enrollment.LeadState;
import ai.omniflow.enrollment.NurtureSuggestions;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.enrollment.Replies;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.inbox.ContactMessage;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.internal.Ids;
import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.Fit;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which of the org's playbooks fit a lead now, why, and their first steps previewed: the suggest
 * use case of {@link ai.omniflow.enrollment.PlaybookService}, whose Javadoc is the spec. The
 * preview runs the {@link EnrollmentStepper} an enrollment runs, over the contact's guardrail
 * facts, as if the contact did not reply. Not API. Thread-safe.
 */
public final class Suggesting {
  /** The most moves previewed per playbook. */
  static final int PREVIEW = 5;

  private final Store store;
  private final Clock clock;
  private final PackCatalog packs;
  private final IntentClassifier classifier;
  private final Guardrails guardrails;

  /**
   * @param guardrails the guardrails a preview's sends pass, with the org's zone added on each call
   *     ({@link GuardrailFacts#forOrg}), as the enrollment's own runs do
   */
  public Suggesting(
      Store store,
      Clock clock,
      PackCatalog packs,
      IntentClassifier classifier,
      Guardrails guardrails) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
  }

  /** What is known of the lead, as the fits read it. */
  private record LeadNow(
      String stage, @Nullable String band, @Nullable String intent, Duration silence) {}

  /** As {@link ai.omniflow.enrollment.PlaybookService#suggest}. */
  public NurtureSuggestions suggest(Actor actor, UUID leadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead =
              tx.leads().find(leadId).orElseThrow(() -> OmniFlowException.notFound("The lead"));
          VerticalPack pack = Playbooks.pack(tx, packs);
          Instant now = clock.instant();
          List<ContactMessage> messages =
              tx.inbox().contactMessages(lead.contactId(), EnrollmentRuns.MESSAGES_READ);
          ContactMessage lastIn = null;
          for (int i = messages.size() - 1; i >= 0 && lastIn == null; i--) {
            if (messages.get(i).message().direction() == MessageDirection.INBOUND) {
              lastIn = messages.get(i);
            }
          }
          Instant since = lastIn == null ? lead.createdAt() : lastIn.message().sentAt();
          LeadNow facts =
              new LeadNow(
                  lead.stage(),
                  lead.band() == null ? null : lead.band().wireName(),
                  lastIn == null
                      ? null
                      : classifier.classify(lastIn.message().text(), pack).intent(),
                  now.isAfter(since) ? Duration.between(since, now) : Duration.ZERO);
          String unavailable = null;
          if (!lead.isOpen()) {
            unavailable = "lead_closed";
          } else if (tx.enrollments()
              .latestOfLead(lead.id())
              .filter(s -> s.enrollment().active())
              .isPresent()) {
            unavailable = "enrollment_active";
          }
          List<NurtureSuggestions.Suggestion> out = new ArrayList<>();
          List<NurtureSuggestions.LeftOut> leftOut = new ArrayList<>();
          List<OrgPlaybook> inForce = PlaybookEditing.inForce(tx, pack);
          for (OrgPlaybook p : inForce) {
            if (p.status() == OrgPlaybook.Status.INVALID) {
              // Its pack changed after it was saved: it is not offered until fixed (0087).
              leftOut.add(new NurtureSuggestions.LeftOut(p, PlaybookChecks.INVALID));
            }
          }
          if (lead.isOpen()) {
            Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
            Guardrails orgGuardrails = GuardrailFacts.forOrg(guardrails, org);
            EnrollmentStepper stepper = new EnrollmentStepper(orgGuardrails);
            ContactFacts.Builder known = GuardrailFacts.known(tx, lead.contactId(), org, messages);
            // The facts at each previewed move's time, counting the sends previewed before it.
            FactsAt contact =
                (at, previewed) -> GuardrailFacts.at(known, messages, orgGuardrails, at, previewed);
            Channel lastChannel = lastIn == null ? null : lastIn.channel();
            LeadState leadState = LeadStates.of(tx, pack, lead, messages, facts.intent());
            for (OrgPlaybook p : inForce) {
              List<String> reasons =
                  p.status() == OrgPlaybook.Status.VALID
                      ? reasons(p.playbook().fits(), facts)
                      : null;
              if (reasons != null) {
                List<NurtureSuggestions.Preview> preview =
                    preview(stepper, p.playbook(), lead.id(), contact, lastChannel, leadState, now);
                NurtureSuggestions.Preview last = preview.get(preview.size() - 1);
                boolean didNothing =
                    preview.stream()
                        .noneMatch(m -> m.kind().equals("send") || m.kind().equals("task"));
                String blocked =
                    last.kind().equals("end") && didNothing && !last.detail().equals("completed")
                        ? last.detail()
                        : null;
                out.add(new NurtureSuggestions.Suggestion(p, reasons, blocked, preview));
              }
            }
          }
          // The most specific first: a playbook that asks more of the lead fits it better.
          out.sort(
              Comparator.comparingInt(
                  (NurtureSuggestions.Suggestion s) -> -criteria(s.playbook().playbook().fits())));
          return new NurtureSuggestions(
              lead.id(),
              now,
              facts.stage(),
              facts.band(),
              facts.intent(),
              facts.silence(),
              unavailable,
              out,
              leftOut);
        });
  }

  /** Why {@code fit} holds for the lead, one reason per criterion; {@code null} if it does not. */
  private static @Nullable List<String> reasons(Fit fit, LeadNow lead) {
    if (fit.isAny()) {
      return List.of("it is meant for any open lead");
    }
    List<String> out = new ArrayList<>();
    if (!fit.stages().isEmpty()) {
      if (!fit.stages().contains(lead.stage())) {
        return null;
      }
      out.add(
          "the lead is at stage "
              + lead.stage()
              + " (fits "
              + String.join(", ", fit.stages())
              + ")");
    }
    if (!fit.bands().isEmpty()) {
      if (lead.band() == null || !fit.bands().contains(lead.band())) {
        return null;
      }
      out.add(
          "the lead's score is " + lead.band() + " (fits " + String.join(", ", fit.bands()) + ")");
    }
    if (!fit.intents().isEmpty()) {
      if (lead.intent() == null || !fit.intents().contains(lead.intent())) {
        return null;
      }
      out.add(
          "the contact's latest message shows "
              + lead.intent()
              + " (fits "
              + String.join(", ", fit.intents())
              + ")");
    }
    if (fit.silentFor() != null) {
      if (lead.silence().compareTo(fit.silentFor()) < 0) {
        return null;
      }
      out.add(
          "the contact has been silent for "
              + describe(lead.silence())
              + " (at least "
              + describe(fit.silentFor())
              + ")");
    }
    return out;
  }

  private static int criteria(Fit fit) {
    return (fit.stages().isEmpty() ? 0 : 1)
        + (fit.bands().isEmpty() ? 0 : 1)
        + (fit.intents().isEmpty() ? 0 : 1)
        + (fit.silentFor() == null ? 0 : 1);
  }

  /** The contact's guardrail facts at a time, given the sends previewed before it. */
  @FunctionalInterface
  private interface FactsAt {
    ContactFacts at(Instant at, List<Instant> previewed);
  }

  /**
   * The first moves of an enrollment made now, run by the stepper, with no reply coming; each move
   * meets the caps with the sends previewed before it counted, as the enrollment would.
   */
  private static List<NurtureSuggestions.Preview> preview(
      EnrollmentStepper stepper,
      Playbook playbook,
      UUID leadId,
      FactsAt facts,
      @Nullable Channel lastChannel,
      LeadState lead,
      Instant now) {
    List<NurtureSuggestions.Preview> out = new ArrayList<>();
    Enrollment e = Enrollment.start(Ids.next(), leadId, playbook.key(), now);
    Instant t = now;
    List<Instant> sent = new ArrayList<>();
    while (out.size() < PREVIEW && e.active()) {
      Advance a =
          stepper.advance(playbook, e, facts.at(t, sent), lastChannel, Replies.NONE, lead, t);
      Enrollment after = a.enrollment();
      List<PlaybookStep> steps = playbook.steps();
      String key;
      String kind;
      String detail;
      if (a instanceof Advance.Send s) {
        key = s.step().key();
        kind = "send";
        detail = s.channel().id() + ", template " + s.step().template();
        sent.add(t);
      } else if (a instanceof Advance.CreateTask c) {
        key = c.step().key();
        kind = "task";
        detail = c.step().task().id() + " due " + c.dueAt() + ": " + c.step().title();
      } else if (a instanceof Advance.ChangeStage c) {
        key = c.step().key();
        kind = "stage";
        detail = "to " + c.step().stage();
      } else if (a instanceof Advance.Wait) {
        key = steps.get(Math.max(0, after.step() - 1)).key();
        kind = "wait";
        detail = "until " + after.nextRunAt();
      } else if (a instanceof Advance.Deferred d) {
        key = steps.get(after.step()).key();
        kind = "deferred";
        detail = d.decision().code() + " until " + after.nextRunAt();
      } else {
        key = steps.get(Math.min(after.step(), steps.size() - 1)).key();
        kind = "end";
        detail = String.valueOf(after.endReason());
      }
      out.add(new NurtureSuggestions.Preview(key, kind, t, detail));
      e = after;
      if (e.active() && e.nextRunAt().isAfter(t)) {
        t = e.nextRunAt();
      }
    }
    return out;
  }

  private static String describe(Duration d) {
    if (d.toDays() >= 1) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }
}
