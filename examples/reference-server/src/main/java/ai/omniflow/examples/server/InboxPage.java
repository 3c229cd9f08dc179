package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.ReplyWindow;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadService;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.ThreadSla;
import ai.omniflow.tenancy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /inbox}: the threads with their SLA badges ({@link SlaBadge}) and filters by channel,
 * status, assignee and SLA state ({@link InboxFilters}), one thread with its messages and its
 * contact's identities and consent ({@link InboxContactPanel}), a link to its contact's open lead
 * (read for the open thread only, never per thread of the list), the reply composer (suggest, edit,
 * send), assign, close and convert to a lead (while the contact has no open lead). Each action
 * calls the same OmniFlow facade as its JSON endpoint in {@link InboxApi} and {@link LeadsApi}; the
 * mock ingest form goes through {@link InboxApi#ingest} itself. OmniFlow checks every permission;
 * the page only hides what the role may not do.
 */
@Controller
final class InboxPage {
  private static final int THREADS_SHOWN = 50;
  private static final int MESSAGES_SHOWN = 200;

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final InboxApi inboxApi;

  InboxPage(OmniFlow omniFlow, Pages pages, InboxApi inboxApi) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.inboxApi = inboxApi;
  }

  /** A thread in the list. */
  record ThreadRow(
      String id,
      String contact,
      String channel,
      String status,
      String assignee,
      String lastActivity,
      String lastActivityIso,
      boolean waiting,
      boolean selected,
      @Nullable String language,
      @Nullable SlaBadge sla,
      @Nullable String replyNote) {}

  /** A message of the open thread. */
  record MessageRow(String direction, String text, String sentAt, String sentAtIso, String by) {}

  /** The open thread. */
  record ThreadDetail(
      String id,
      String contact,
      String channel,
      String status,
      @Nullable String assigneeId,
      String assignee,
      boolean closed,
      boolean answerable,
      boolean windowClosed,
      @Nullable SlaBadge sla,
      InboxContactPanel contactPanel,
      @Nullable LeadLink lead,
      List<MessageRow> messages) {}

  /**
   * The open lead of the thread's contact, as the thread links to it.
   *
   * @param label {@code Lead: Ana Lima · Qualified · score 72 (hot)}: the lead's contact, stage and
   *     score
   */
  record LeadLink(String id, String label) {}

  /** What the composer shows: a suggestion, if one was asked for, and the text to edit. */
  record Composer(
      String threadId,
      String text,
      @Nullable String intent,
      @Nullable String nextAction,
      List<String> factsUsed,
      List<String> warnings) {
    static Composer empty(String threadId) {
      return new Composer(threadId, "", null, null, List.of(), List.of());
    }
  }

  @GetMapping(value = "/inbox", produces = MediaType.TEXT_HTML_VALUE)
  String inbox(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String assignee,
      @RequestParam(required = false) @Nullable String sla,
      @RequestParam(required = false) @Nullable String sort,
      @RequestParam(required = false) @Nullable String thread,
      @RequestParam(required = false) @Nullable String suggest) {
    Actor actor = pages.actor(who, request);
    Pages.Zone zone = pages.frame(actor, who, "inbox", model);
    Map<UUID, String> members = pages.memberNames(actor);
    InboxFilters filters = InboxFilters.read(channel, status, assignee, sla, sort);
    UUID selected = thread == null || thread.isBlank() ? null : InboxApi.threadId(thread);
    Page<InboxThread> threads =
        filters.slaQuery().sort() == SlaThreadQuery.Sort.SLA_DUE
            ? AnswerableFirst.threads(omniFlow, actor, filters, THREADS_SHOWN)
            : filters.threads(omniFlow, actor, PageRequest.of(THREADS_SHOWN, 0));
    Instant now = omniFlow.clock().instant();
    Map<UUID, ThreadSla> clocks =
        SlaViews.clocks(omniFlow, actor, threads.items().stream().map(InboxThread::id).toList());
    Map<UUID, Contact> contacts = new HashMap<>();
    List<ThreadRow> rows = new ArrayList<>();
    for (InboxThread t : threads.items()) {
      rows.add(
          new ThreadRow(
              t.id().toString(),
              contactName(actor, t.contactId(), contacts),
              t.channel().id(),
              t.status().wireName(),
              assignee(members, t.assigneeUserId()),
              zone.show(t.lastActivityAt()),
              zone.iso(t.lastActivityAt()),
              DashboardFigures.waiting(t) && t.status() == ThreadStatus.OPEN,
              t.id().equals(selected),
              contact(actor, t.contactId(), contacts).language(),
              SlaBadge.of(clocks.get(t.id()), zone),
              t.status() == ThreadStatus.OPEN
                  ? AnswerableFirst.note(ReplyWindow.of(t, now))
                  : null));
    }
    model.addAttribute("threads", rows);
    model.addAttribute("threadTotal", threads.total());
    model.addAttribute("f", filters);
    model.addAttribute("filtered", filters.narrowed());
    model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::id).toList());
    model.addAttribute("statuses", InboxFilters.statuses());
    model.addAttribute("slaChoices", InboxFilters.SLA_CHOICES);
    model.addAttribute("sortChoices", InboxFilters.SORT_CHOICES);
    model.addAttribute("members", members);
    if (selected != null) {
      model.addAttribute("thread", detail(actor, zone, members, selected, contacts));
      model.addAttribute(
          "composer",
          suggest != null ? suggestion(actor, selected) : Composer.empty(selected.toString()));
    }
    return "inbox";
  }

  /** The composer alone, with a suggestion, for htmx to swap in. */
  @GetMapping(value = "/ui/inbox/{id}/suggestion", produces = MediaType.TEXT_HTML_VALUE)
  String suggestion(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      Model model,
      @PathVariable String id) {
    Actor actor = pages.actor(who, request);
    pages.frame(actor, who, "inbox", model);
    model.addAttribute("composer", suggestion(actor, InboxApi.threadId(id)));
    return "inbox :: composer";
  }

  /** Saves the edited text as a draft and sends it through the thread's account. */
  @PostMapping("/ui/inbox/{id}/send")
  String send(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String text,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID thread = InboxApi.threadId(id);
    Draft draft = omniFlow.inbox().draft(actor, thread, text);
    omniFlow.inbox().send(actor, thread, draft.id());
    flash.addFlashAttribute("notice", "Reply sent.");
    return redirect(thread);
  }

  @PostMapping("/ui/inbox/{id}/assign")
  String assign(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String user,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID thread = InboxApi.threadId(id);
    if (user == null || user.isBlank()) {
      throw OmniFlowException.invalidInput("invalid_user_id", "Choose a member to assign.");
    }
    omniFlow.inbox().assign(actor, thread, InboxApi.uuid(user, "invalid_user_id", "user"));
    flash.addFlashAttribute("notice", "Conversation assigned.");
    return redirect(thread);
  }

  @PostMapping("/ui/inbox/{id}/close")
  String close(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    UUID thread = InboxApi.threadId(id);
    omniFlow.inbox().close(actor, thread);
    flash.addFlashAttribute("notice", "Conversation closed.");
    return redirect(thread);
  }

  /** Makes a lead of the thread (or finds the contact's open one) and opens it. */
  @PostMapping("/ui/inbox/{id}/lead")
  String lead(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    LeadService.Conversion c = omniFlow.leads().fromThread(actor, InboxApi.threadId(id));
    flash.addFlashAttribute(
        "notice", c.created() ? "Lead created." : "The contact already had this open lead.");
    return "redirect:/leads/" + c.lead().id();
  }

  /** Mock connector mode only: a test message from a made-up person, as the mock ingest takes. */
  @PostMapping("/ui/inbox/ingest")
  String ingest(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String handle,
      @RequestParam(required = false) @Nullable String text,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    InboxApi.IngestView v =
        inboxApi
            .ingest(
                actor,
                new InboxApi.IngestMock(
                    channel,
                    new InboxApi.SenderBody(handle, name, null, null),
                    text,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
            .getBody();
    flash.addFlashAttribute("notice", "Test message received.");
    return v == null || v.threadId() == null ? "redirect:/inbox" : redirect(v.threadId());
  }

  private Composer suggestion(Actor actor, UUID thread) {
    Suggestion s = omniFlow.inbox().suggestReply(actor, thread).suggestion();
    return new Composer(
        thread.toString(),
        s.reply() == null ? "" : s.reply(),
        s.intent(),
        s.nextAction(),
        s.factsUsed(),
        s.warnings());
  }

  private ThreadDetail detail(
      Actor actor,
      Pages.Zone zone,
      Map<UUID, String> members,
      UUID id,
      Map<UUID, Contact> contacts) {
    InboxThread t = omniFlow.inbox().thread(actor, id);
    String contact = contactName(actor, t.contactId(), contacts);
    List<MessageRow> messages = new ArrayList<>();
    for (Message m :
        omniFlow.inbox().messages(actor, id, PageRequest.of(MESSAGES_SHOWN, 0)).items()) {
      String by =
          m.direction().wireName().equals("inbound")
              ? contact
              : m.authorUserId() == null ? "OmniFlow" : assignee(members, m.authorUserId());
      messages.add(
          new MessageRow(
              m.direction().wireName(), m.text(), zone.show(m.sentAt()), zone.iso(m.sentAt()), by));
    }
    return new ThreadDetail(
        t.id().toString(),
        contact,
        t.channel().id(),
        t.status().wireName(),
        t.assigneeUserId() == null ? null : t.assigneeUserId().toString(),
        assignee(members, t.assigneeUserId()),
        t.status() == ThreadStatus.CLOSED,
        ReplyWindow.replyable(t.channel()),
        ReplyWindow.of(t, omniFlow.clock().instant()) == ReplyWindow.CLOSED,
        SlaBadge.of(SlaViews.clocks(omniFlow, actor, List.of(id)).get(id), zone),
        InboxContactPanel.of(omniFlow, actor, zone, t.contactId(), t.channel()),
        omniFlow
            .leads()
            .openLeadOfThread(actor, id)
            .map(l -> leadLink(actor, l, contacts))
            .orElse(null),
        messages);
  }

  private LeadLink leadLink(Actor actor, Lead lead, Map<UUID, Contact> contacts) {
    String stage =
        omniFlow
            .packs()
            .current(actor)
            .flatMap(p -> p.stages().stream().filter(s -> s.key().equals(lead.stage())).findFirst())
            .map(ai.omniflow.pack.VerticalPack.Stage::label)
            .orElse(lead.stage());
    String score =
        lead.score() == null
            ? "not scored"
            : "score "
                + lead.score()
                + (lead.band() == null ? "" : " (" + lead.band().wireName() + ")");
    return new LeadLink(
        lead.id().toString(),
        "Lead: " + contactName(actor, lead.contactId(), contacts) + " · " + stage + " · " + score);
  }

  private String contactName(Actor actor, UUID contactId, Map<UUID, Contact> cache) {
    Contact contact = contact(actor, contactId, cache);
    return contact.displayName() != null
        ? contact.displayName()
        : "Contact " + contactId.toString().substring(0, 8);
  }

  /** The contact, read once per page. */
  private Contact contact(Actor actor, UUID contactId, Map<UUID, Contact> cache) {
    return cache.computeIfAbsent(contactId, c -> omniFlow.contacts().contact(actor, c));
  }

  static String assignee(Map<UUID, String> members, @Nullable UUID user) {
    if (user == null) {
      return "Unassigned";
    }
    return members.getOrDefault(user, "A former member");
  }

  private static String redirect(UUID thread) {
    return "redirect:/inbox?thread=" + thread;
  }
}
