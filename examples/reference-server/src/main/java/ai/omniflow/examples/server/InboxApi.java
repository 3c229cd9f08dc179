package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.fields.Problem;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadSnapshots;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.ThreadSla;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbox endpoints of the original product: the mock ingest (the same {@code
 * InboxService.ingest} a webhook uses), threads and their messages, reply suggestions, assigning,
 * closing, and merging contacts. Ids that do not parse, or name another org's thread or contact,
 * answer 404.
 */
@RestController
final class InboxApi {
  private static final String MOCK_PROVIDER = "mock";
  private static final String MOCK_ACCOUNT_ID = "mock-ingest";

  private final OmniFlow omniFlow;

  InboxApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /**
   * 201 with the ids the ingestion made. Without {@code account_ref} the event goes to the org's
   * first healthy {@code mock} connector account, if it has one (so replies can be sent through
   * it), else to no account. 422 {@code unknown_channel} for a channel outside the vocabulary, 422
   * {@code not_mock_account} for an {@code account_ref} of a real (non-mock) account, 404 outside
   * mock connector mode, 422 {@code invalid_<field>} for NUL or a text beyond its {@link Limits}.
   */
  @PostMapping("/inbox/ingest/mock")
  ResponseEntity<IngestView> ingest(Actor actor, @Valid @RequestBody IngestMock body) {
    // Refuse what ingest would refuse before looking at the body.
    Permission.INBOX_MANAGE.check(actor);
    Permission.CONTACTS_WRITE.check(actor);
    if (omniFlow.connectors().registry().mode() != ConnectorMode.MOCK) {
      // Outside mock mode the endpoint does not exist: it must never reach a real account.
      throw new OmniFlowException(
          OmniFlowException.Kind.NOT_FOUND,
          OmniFlowException.Kind.NOT_FOUND.defaultCode(),
          "No endpoint answers /inbox/ingest/mock outside mock connector mode.");
    }
    Channel channel = channel(body.channel());
    SenderBody s = body.sender();
    if (s == null) {
      throw OmniFlowException.invalidInput(InboxErrors.UNIDENTIFIED_SENDER, "sender is required.");
    }
    if (body.text() == null) {
      throw OmniFlowException.invalidInput("invalid_text", "text is required.");
    }
    // What a user typed here is refused when hostile (422 naming the field), not cleaned as a
    // platform's text would be.
    Limits.text("text", body.text(), Limits.MAX_MESSAGE_TEXT);
    Limits.optionalText("campaign", body.campaign(), Limits.MAX_ID);
    Limits.optionalText("ad_id", body.adId(), Limits.MAX_ID);
    Limits.optionalText("post_id", body.postId(), Limits.MAX_ID);
    Limits.optionalText("sent_at", body.sentAt(), Limits.MAX_ID);
    Limits.optionalText("account_ref", body.accountRef(), Limits.MAX_ID);
    Limits.optionalText("handle", s.handle(), Limits.MAX_ID);
    Limits.optionalText("name", s.name(), Limits.MAX_NAME);
    Limits.optionalText("phone", s.phone(), Limits.MAX_ID);
    Limits.optionalText("email", s.email(), Limits.MAX_ID);
    if (body.fields() != null) {
      Limits.map("fields", body.fields(), Limits.MAX_LIST);
      body.fields()
          .forEach(
              (k, v) -> {
                Limits.text("fields", k, Limits.MAX_NAME);
                if (v != null) {
                  Limits.text("fields", v, Limits.MAX_FREE_TEXT);
                }
              });
    }
    Instant at = omniFlow.clock().instant();
    if (body.sentAt() != null && !body.sentAt().isBlank()) {
      try {
        at = Instant.parse(body.sentAt().strip());
      } catch (DateTimeParseException e) {
        throw OmniFlowException.invalidInput(
            InboxErrors.INVALID_SENT_AT, "sent_at must be ISO-8601.");
      }
    }
    String ref = body.accountRef();
    if (ref != null && !ref.isBlank()) {
      String wanted = ref.strip();
      ConnectorAccount account =
          omniFlow.connectors().accounts(actor).stream()
              .filter(a -> a.accountRef().equals(wanted))
              .findFirst()
              .orElseThrow(() -> OmniFlowException.notFound("The connector account"));
      if (!account.provider().equals(MOCK_PROVIDER)) {
        throw OmniFlowException.invalidInput(
            ServerErrors.NOT_MOCK_ACCOUNT, "account_ref must name a mock connector account.");
      }
    } else {
      ref =
          omniFlow.connectors().accounts(actor).stream()
              .filter(a -> a.provider().equals(MOCK_PROVIDER))
              .filter(a -> a.status() == HealthStatus.HEALTHY)
              .findFirst()
              .map(a -> a.accountRef())
              .orElse(null);
    }
    Sender sender =
        new Sender(blank(s.handle()), blank(s.name()), blank(s.phone()), blank(s.email()));
    String id = UUID.randomUUID().toString();
    String key = "mock:" + id;
    Referral referral =
        new Referral(blank(body.campaign()), blank(body.adId()), blank(body.postId()));
    InboundEvent event;
    try {
      event =
          switch (channel) {
            case INSTAGRAM_COMMENT, FACEBOOK_COMMENT ->
                new InboundEvent.Comment(
                    key,
                    MOCK_ACCOUNT_ID,
                    channel,
                    "c_" + id,
                    null,
                    sender,
                    body.text(),
                    at,
                    referral.postId() == null
                        ? new Referral(referral.campaignId(), referral.adId(), "mock_post")
                        : referral);
            case LEAD_FORM -> {
              Map<String, String> fields = new LinkedHashMap<>();
              if (sender.name() != null) {
                fields.put("full_name", sender.name());
              }
              if (sender.phone() != null) {
                fields.put("phone_number", sender.phone());
              }
              if (sender.email() != null) {
                fields.put("email", sender.email());
              }
              if (!body.text().isBlank()) {
                fields.put("message", body.text());
              }
              if (body.fields() != null) {
                // The form's own questions, e.g. budget or zip_code, as a lead ad sends them.
                body.fields().forEach((k, v) -> fields.put(k, v));
              }
              yield new InboundEvent.LeadForm(
                  key, MOCK_ACCOUNT_ID, "l_" + id, "mock_form", sender, fields, at, referral);
            }
            default ->
                new InboundEvent.Message(
                    key, MOCK_ACCOUNT_ID, channel, "m_" + id, sender, body.text(), at, referral);
          };
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput("invalid_event", e.getMessage());
    }
    IngestResult r = omniFlow.inbox().ingest(actor, ref, event);
    return ResponseEntity.created(URI.create("/inbox/threads/" + r.threadId()))
        .body(new IngestView(r.contactId(), r.threadId(), r.messageId(), r.touchpointId()));
  }

  @GetMapping("/inbox/threads")
  Page<ThreadView> threads(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(required = false) @Nullable String assignee,
      @RequestParam(required = false) @Nullable String contact,
      @RequestParam(required = false) @Nullable String unassigned,
      @RequestParam(required = false) @Nullable String sla,
      @RequestParam(required = false) @Nullable String sort) {
    PageRequest page = Api.page(limit, offset);
    SlaThreadQuery slaQuery = new SlaThreadQuery(slaStates(sla), sort(sort));
    ThreadFilter filter = ThreadFilter.ALL;
    if (status != null && !status.isBlank()) {
      filter = filter.withStatus(status(status.strip()));
    }
    if (channel != null && !channel.isBlank()) {
      filter = filter.withChannel(channel(channel));
    }
    if (contact != null && !contact.isBlank()) {
      filter = filter.withContact(uuid(contact, "invalid_contact", "contact"));
    }
    boolean onlyUnassigned = unassigned != null && Boolean.parseBoolean(unassigned.strip());
    if (assignee != null && !assignee.isBlank()) {
      if (onlyUnassigned) {
        throw OmniFlowException.badRequest(
            LeadErrors.INVALID_FILTER, "assignee and unassigned cannot be asked for together.");
      }
      filter = filter.withAssignee(uuid(assignee, "invalid_assignee", "assignee"));
    }
    if (onlyUnassigned) {
      filter = filter.onlyUnassigned();
    }
    Page<InboxThread> threads =
        slaQuery.equals(SlaThreadQuery.ANY)
            ? omniFlow.inbox().threads(actor, filter, page)
            : omniFlow.sla().threads(actor, filter, slaQuery, page);
    Map<UUID, ThreadSla> clocks =
        SlaViews.clocks(omniFlow, actor, threads.items().stream().map(InboxThread::id).toList());
    Map<UUID, @Nullable String> languages = new HashMap<>();
    for (InboxThread t : threads.items()) {
      languages.computeIfAbsent(t.contactId(), c -> contactLanguage(actor, c));
    }
    return threads.map(t -> ThreadView.of(t, clocks.get(t.id()), languages.get(t.contactId())));
  }

  /** The most characters of {@code sla} read: every state once, with commas and spaces. */
  private static final int MAX_SLA_PARAM = 100;

  /**
   * The states of {@code sla=on_track,at_risk,…}; none for an absent or blank one. 400 {@code
   * invalid_sla} for a state outside the vocabulary (the value is not echoed).
   */
  static Set<SlaState> slaStates(@Nullable String sla) {
    if (sla == null || sla.isBlank()) {
      return Set.of();
    }
    OmniFlowException invalid =
        OmniFlowException.badRequest(
            "invalid_sla",
            "sla must be a comma-separated list of on_track, at_risk, breached, met and none.");
    if (sla.length() > MAX_SLA_PARAM) {
      throw invalid;
    }
    Set<SlaState> states = EnumSet.noneOf(SlaState.class);
    for (String part : sla.split(",", -1)) {
      states.add(SlaState.ofWireName(part.strip()).orElseThrow(() -> invalid));
    }
    return states;
  }

  /** The sort of {@code sort=latest_activity|sla_due}; 400 {@code invalid_sort} for another. */
  static SlaThreadQuery.Sort sort(@Nullable String sort) {
    if (sort == null || sort.isBlank()) {
      return SlaThreadQuery.Sort.LATEST_ACTIVITY;
    }
    return SlaThreadQuery.Sort.ofWireName(sort.strip())
        .orElseThrow(
            () ->
                OmniFlowException.badRequest(
                    "invalid_sort", "sort must be latest_activity or sla_due."));
  }

  /** The language the thread's contact writes in, or null while unknown. */
  private @Nullable String contactLanguage(Actor actor, UUID contact) {
    return omniFlow.contacts().contact(actor, contact).language();
  }

  /**
   * The thread as the list shows it, with {@code open_lead}: its contact's open lead, read for this
   * one thread only (never per thread of the list).
   */
  @GetMapping("/inbox/threads/{id}")
  ThreadDetailView thread(Actor actor, @PathVariable String id) {
    UUID thread = threadId(id);
    ThreadView view = withSla(actor, omniFlow.inbox().thread(actor, thread));
    return new ThreadDetailView(
        view, omniFlow.leads().openLeadOfThread(actor, thread).map(LeadSnapshots::of).orElse(null));
  }

  @GetMapping("/inbox/threads/{id}/messages")
  Page<MessageView> messages(
      Actor actor,
      @PathVariable String id,
      @RequestParam(defaultValue = "50") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    PageRequest page = Api.page(limit, offset);
    return omniFlow.inbox().messages(actor, threadId(id), page).map(MessageView::of);
  }

  /**
   * A suggestion for the thread's latest inbound message from core's {@code suggestReply}, with the
   * suggester and classifier registered on OmniFlow (offline by default), grounded in the org's
   * name, the contact's name and the assignee's name, with the thread's guardrails (opt-out,
   * channel window). Writes nothing. 422 {@code no_inbound_message} for a thread the contact never
   * wrote in, {@code no_pack_selected} when the org has no pack.
   */
  @PostMapping("/inbox/threads/{id}/suggest-reply")
  SuggestionView suggest(Actor actor, @PathVariable String id) {
    Suggestion s = omniFlow.inbox().suggestReply(actor, threadId(id)).suggestion();
    return new SuggestionView(
        s.intent(), s.confidence(), s.reply(), s.nextAction(), s.factsUsed(), s.warnings());
  }

  /** 201 with the saved draft; 422 {@code invalid_draft} for a blank text or one over 4096. */
  @PostMapping("/inbox/threads/{id}/draft-reply")
  ResponseEntity<DraftView> draft(
      Actor actor, @PathVariable String id, @Valid @RequestBody DraftBody body) {
    Draft d = omniFlow.inbox().draft(actor, threadId(id), body.text());
    return ResponseEntity.created(
            URI.create("/inbox/threads/" + d.threadId() + "/drafts/" + d.id()))
        .body(DraftView.of(d));
  }

  /**
   * Sends the draft through the thread's connector account: 200 with the recorded outbound message;
   * 409 with the reason ({@code draft_sent}, {@code thread_closed}, {@code contact_opted_out},
   * {@code window_closed}, {@code no_channel_account}, {@code account_needs_reauth}, {@code
   * account_disconnected}) when it may not be sent.
   */
  @PostMapping("/inbox/threads/{id}/send")
  MessageView send(Actor actor, @PathVariable String id, @Valid @RequestBody SendBody body) {
    UUID thread = threadId(id);
    if (body.draftId() == null || body.draftId().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_draft_id", "draft_id is required.");
    }
    UUID draft = notFoundUnlessUuid(body.draftId(), "The draft");
    return MessageView.of(omniFlow.inbox().send(actor, thread, draft));
  }

  /** Records that the contact asked not to be messaged; sends to them are refused from then on. */
  @PostMapping("/contacts/{id}/opt-out")
  Map<String, Object> optOut(Actor actor, @PathVariable String id) {
    UUID contact = notFoundUnlessUuid(id, "The contact");
    omniFlow.inbox().optOut(actor, contact);
    return Map.of("contact_id", contact, "opted_out", true);
  }

  /**
   * The contact's consent as the consent ledger has it: every channel's state ({@code given},
   * {@code withdrawn}, {@code unknown}) with the entry that decided it, and the ledger's newest
   * entries first, at most {@code limit} (1 to 200, default 50; never more than 100). 404 for an
   * unknown contact (or an id that is not a UUID), 400 {@code invalid_paging} for a bad limit.
   */
  @GetMapping("/contacts/{id}/consent")
  ConsentView consent(
      Actor actor, @PathVariable String id, @RequestParam(defaultValue = "50") String limit) {
    int max = Api.page(limit, "0").limit();
    UUID contact = notFoundUnlessUuid(id, "The contact");
    return ConsentView.of(omniFlow.inbox().consent(actor, contact), max);
  }

  @PostMapping("/inbox/threads/{id}/assign")
  ThreadView assign(Actor actor, @PathVariable String id, @Valid @RequestBody Assign body) {
    UUID thread = threadId(id);
    if (body.userId() == null || body.userId().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_user_id", "user_id is required.");
    }
    UUID user = uuid(body.userId(), "invalid_user_id", "user_id");
    return withSla(actor, omniFlow.inbox().assign(actor, thread, user));
  }

  @PostMapping("/inbox/threads/{id}/close")
  ThreadView close(Actor actor, @PathVariable String id) {
    return withSla(actor, omniFlow.inbox().close(actor, threadId(id)));
  }

  /** Merges {@code contact_id} into the contact of the path: 201 with the merge. */
  @PostMapping("/contacts/{id}/merge")
  ResponseEntity<MergeView> merge(
      Actor actor, @PathVariable String id, @Valid @RequestBody Merge body) {
    UUID survivor = notFoundUnlessUuid(id, "The contact");
    if (body.contactId() == null || body.contactId().isBlank()) {
      throw OmniFlowException.invalidInput("invalid_contact_id", "contact_id is required.");
    }
    UUID merged = uuid(body.contactId(), "invalid_contact_id", "contact_id");
    ContactMerge m = omniFlow.contacts().merge(actor, survivor, merged, blank(body.reason()));
    return ResponseEntity.created(URI.create("/contacts/" + survivor + "/merges/" + m.id()))
        .body(MergeView.of(m));
  }

  /**
   * Undoes {@code merge_id}, or without it the latest merge into this contact that is not undone
   * yet (404 if there is none).
   */
  @PostMapping("/contacts/{id}/unmerge")
  MergeView unmerge(
      Actor actor,
      @PathVariable String id,
      @Valid @RequestBody(required = false) @Nullable Unmerge body) {
    UUID survivor = notFoundUnlessUuid(id, "The contact");
    UUID mergeId;
    if (body != null && body.mergeId() != null && !body.mergeId().isBlank()) {
      mergeId = uuid(body.mergeId(), "invalid_merge_id", "merge_id");
      Optional<ContactMerge> own =
          omniFlow.contacts().merges(actor, survivor).stream()
              .filter(m -> m.id().equals(mergeId) && m.survivorId().equals(survivor))
              .findFirst();
      if (own.isEmpty()) {
        throw OmniFlowException.notFound("The merge");
      }
    } else {
      mergeId =
          omniFlow.contacts().merges(actor, survivor).stream()
              .filter(m -> m.survivorId().equals(survivor) && !m.isUndone())
              .max(Comparator.comparing(ContactMerge::mergedAt))
              .map(ContactMerge::id)
              .orElseThrow(() -> OmniFlowException.notFound("An active merge into the contact"));
    }
    return MergeView.of(omniFlow.contacts().unmerge(actor, mergeId));
  }

  static Channel channel(@Nullable String id) {
    if (id == null || id.isBlank()) {
      throw OmniFlowException.invalidInput(ServerErrors.UNKNOWN_CHANNEL, "channel is required.");
    }
    String text = id.strip();
    try {
      return Channel.fromId(text);
    } catch (IllegalArgumentException e) {
      // A channel id is short: a longer value is refused without being echoed.
      throw OmniFlowException.invalidInput(
          ServerErrors.UNKNOWN_CHANNEL,
          text.length() > MAX_CHANNEL_ECHO
              ? "channel is not one of the channel vocabulary."
              : "channel '" + text + "' is not one of the channel vocabulary.");
    }
  }

  /** The longest unknown channel id an error repeats. */
  private static final int MAX_CHANNEL_ECHO = 40;

  private static ThreadStatus status(String s) {
    for (ThreadStatus t : ThreadStatus.values()) {
      if (t.wireName().equals(s)) {
        return t;
      }
    }
    throw OmniFlowException.invalidInput(
        InboxErrors.INVALID_STATUS, "status '" + Problem.clip(s) + "' is not known.");
  }

  static UUID threadId(String id) {
    return notFoundUnlessUuid(id, "The thread");
  }

  static UUID notFoundUnlessUuid(String id, String what) {
    try {
      return UUID.fromString(id.strip());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.notFound(what);
    }
  }

  static UUID uuid(String value, String code, String name) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput(code, name + " must be a UUID.");
    }
  }

  static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  record SenderBody(
      @Nullable String handle,
      @Nullable String name,
      @Nullable String phone,
      @Nullable String email) {}

  record IngestMock(
      @Nullable String channel,
      @Nullable SenderBody sender,
      @Nullable String text,
      @Nullable String campaign,
      @Nullable String adId,
      @Nullable String postId,
      @Nullable String sentAt,
      @Nullable String accountRef,
      @Size(max = Limits.MAX_LIST, message = "invalid_fields")
          @Nullable Map<String, String> fields) {}

  record IngestView(
      @Nullable UUID contactId,
      @Nullable UUID threadId,
      @Nullable UUID messageId,
      @Nullable UUID touchpointId) {}

  record Assign(@Nullable String userId) {}

  record DraftBody(@Nullable String text) {}

  record SendBody(@Nullable String draftId) {}

  record DraftView(
      UUID id, UUID threadId, String text, @Nullable UUID authorUserId, Instant createdAt) {
    static DraftView of(Draft d) {
      return new DraftView(d.id(), d.threadId(), d.text(), d.authorUserId(), d.createdAt());
    }
  }

  record Merge(@Nullable String contactId, @Nullable String reason) {}

  record Unmerge(@Nullable String mergeId) {}

  private ThreadView withSla(Actor actor, InboxThread t) {
    return ThreadView.of(
        t,
        SlaViews.clocks(omniFlow, actor, List.of(t.id())).get(t.id()),
        contactLanguage(actor, t.contactId()));
  }

  record ThreadView(
      UUID id,
      UUID contactId,
      String channel,
      @Nullable String accountRef,
      String status,
      @Nullable UUID assigneeUserId,
      @Nullable Instant lastInboundAt,
      @Nullable Instant lastOutboundAt,
      Instant lastActivityAt,
      int unreadCount,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Map<String, @Nullable Object> sla,
      @Nullable String contactLanguage) {
    static ThreadView of(InboxThread t, @Nullable ThreadSla sla, @Nullable String contactLanguage) {
      return new ThreadView(
          t.id(),
          t.contactId(),
          t.channel().id(),
          t.accountRef(),
          t.status().wireName(),
          t.assigneeUserId(),
          t.lastInboundAt(),
          t.lastOutboundAt(),
          t.lastActivityAt(),
          t.unreadCount(),
          t.createdAt(),
          t.updatedAt(),
          SlaViews.view(sla),
          contactLanguage);
    }
  }

  /**
   * One thread: its {@link ThreadView}'s properties, and {@code open_lead}, the open lead of the
   * thread's contact (the survivor's, if the contact was merged) as {@code GET /leads/{id}} shows
   * it without {@code sla}: the lead {@code POST /leads/from-thread/{id}} would answer; {@code
   * null} when the contact has none.
   */
  record ThreadDetailView(
      @JsonUnwrapped ThreadView thread, @Nullable Map<String, @Nullable Object> openLead) {}

  record MessageView(
      UUID id,
      UUID threadId,
      String direction,
      String text,
      @Nullable String providerMessageId,
      @Nullable String deliveryStatus,
      @Nullable UUID authorUserId,
      Instant sentAt,
      Instant createdAt) {
    static MessageView of(Message m) {
      return new MessageView(
          m.id(),
          m.threadId(),
          m.direction().wireName(),
          m.text(),
          m.providerMessageId(),
          m.deliveryStatus() == null
              ? null
              : m.deliveryStatus().name().toLowerCase(java.util.Locale.ROOT),
          m.authorUserId(),
          m.sentAt(),
          m.createdAt());
    }
  }

  record SuggestionView(
      String intent,
      double confidence,
      @Nullable String reply,
      String nextAction,
      List<String> factsUsed,
      List<String> warnings) {}

  record MergeView(
      UUID id,
      UUID survivorId,
      UUID mergedId,
      List<UUID> movedIdentityIds,
      @Nullable String reason,
      boolean automatic,
      Instant mergedAt,
      @Nullable UUID mergedByUserId,
      @Nullable Instant unmergedAt) {
    static MergeView of(ContactMerge m) {
      return new MergeView(
          m.id(),
          m.survivorId(),
          m.mergedId(),
          m.movedIdentityIds(),
          m.reason(),
          m.automatic(),
          m.mergedAt(),
          m.mergedByUserId(),
          m.unmergedAt());
    }
  }

  record ConsentEntryView(
      UUID id,
      @Nullable String channel,
      String change,
      String source,
      @Nullable String reason,
      @Nullable UUID messageId,
      @Nullable UUID userId,
      Instant at) {
    static ConsentEntryView of(ConsentEntry e) {
      return new ConsentEntryView(
          e.id(),
          e.channel() == null ? null : e.channel().id(),
          e.change().wireName(),
          e.source().wireName(),
          e.reason(),
          e.messageId(),
          e.userId(),
          e.at());
    }
  }

  record ChannelConsentView(String state, @Nullable ConsentEntryView decidedBy) {}

  record ConsentView(
      UUID contactId, Map<String, ChannelConsentView> channels, List<ConsentEntryView> history) {
    static ConsentView of(ContactConsent c, int limit) {
      Map<String, ChannelConsentView> channels = new LinkedHashMap<>();
      c.channels()
          .forEach(
              (channel, state) ->
                  channels.put(
                      channel.id(),
                      new ChannelConsentView(
                          state.wireName(),
                          c.history().stream()
                              .filter(e -> e.covers(channel))
                              .findFirst()
                              .map(ConsentEntryView::of)
                              .orElse(null))));
      return new ConsentView(
          c.contactId(),
          channels,
          c.history().stream().limit(limit).map(ConsentEntryView::of).toList());
    }
  }
}
