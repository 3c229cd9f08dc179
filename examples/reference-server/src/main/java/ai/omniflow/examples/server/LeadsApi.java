package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Problem;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadSnapshots;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.routing.RoutingJson;
import ai.omniflow.tenancy.Actor;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The lead endpoints of the original product: conversion from a thread, listing and editing,
 * outcomes, scoring with its explanation and history. Ids that do not parse, or name another org's
 * lead or thread, answer 404. Money travels as decimal text (or a JSON number), never rounded.
 */
@RestController
final class LeadsApi {
  private final OmniFlow omniFlow;

  LeadsApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** 201 with a new lead, or 200 with the contact's open lead that was there already. */
  @PostMapping("/leads/from-thread/{threadId}")
  ResponseEntity<Map<String, @Nullable Object>> fromThread(
      Actor actor, @PathVariable String threadId) {
    LeadService.Conversion c =
        omniFlow.leads().fromThread(actor, InboxApi.notFoundUnlessUuid(threadId, "The thread"));
    Map<String, @Nullable Object> view = LeadSnapshots.of(c.lead());
    view.put("created", c.created());
    return c.created()
        ? ResponseEntity.created(URI.create("/leads/" + c.lead().id())).body(view)
        : ResponseEntity.ok(view);
  }

  @GetMapping("/leads")
  Page<Map<String, @Nullable Object>> list(
      Actor actor,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset,
      @RequestParam(required = false) @Nullable String stage,
      @RequestParam(required = false) @Nullable String owner,
      @RequestParam(required = false) @Nullable String band,
      @RequestParam(required = false) @Nullable String source,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String sla) {
    PageRequest page = Api.page(limit, offset);
    java.util.Set<ai.omniflow.sla.SlaState> states = InboxApi.slaStates(sla);
    UUID ownerId = null;
    boolean unowned = false;
    if (InboxApi.blank(owner) != null) {
      if (owner.strip().equals("none")) {
        unowned = true;
      } else {
        ownerId = InboxApi.uuid(owner, LeadErrors.INVALID_FILTER, "owner");
      }
    }
    Boolean open = null;
    if (InboxApi.blank(status) != null) {
      open =
          switch (status.strip()) {
            case "open" -> true;
            case "closed" -> false;
            default ->
                throw OmniFlowException.badRequest(
                    LeadErrors.INVALID_FILTER, "status must be open or closed.");
          };
    }
    Channel channel = null;
    if (InboxApi.blank(source) != null) {
      try {
        channel = Channel.fromId(source.strip());
      } catch (IllegalArgumentException e) {
        throw OmniFlowException.badRequest(
            LeadErrors.INVALID_FILTER,
            "source '" + Problem.clip(source.strip()) + "' is not a channel.");
      }
    }
    LeadFilter filter =
        new LeadFilter(
            InboxApi.blank(stage),
            ownerId,
            InboxApi.blank(band) == null ? null : ScoreBand.parse(band.strip()),
            channel,
            open,
            unowned);
    Page<Lead> leads = list(omniFlow, actor, filter, states, page);
    Map<UUID, ai.omniflow.sla.ThreadSla> clocks =
        SlaViews.clocks(omniFlow, actor, leads.items().stream().map(Lead::threadId).toList());
    return new Page<>(
        leads.items().stream().map(l -> withSla(LeadSnapshots.of(l), l, clocks)).toList(),
        leads.limit(),
        leads.offset(),
        leads.total());
  }

  /**
   * The leads passing {@code filter} whose first-response SLA state is one of {@code states}:
   * through the SLA area's list when states are asked for, else the leads' own, so the plain list's
   * query does not change (as the inbox's threads, decision 0071).
   */
  static Page<Lead> list(
      OmniFlow omniFlow,
      Actor actor,
      LeadFilter filter,
      java.util.Set<ai.omniflow.sla.SlaState> states,
      PageRequest page) {
    return states.isEmpty()
        ? omniFlow.leads().list(actor, filter, page)
        : omniFlow.sla().leads(actor, filter, states, page);
  }

  @GetMapping("/leads/{id}")
  Map<String, @Nullable Object> get(Actor actor, @PathVariable String id) {
    Lead lead = omniFlow.leads().get(actor, leadId(id));
    return withSla(
        LeadSnapshots.of(lead),
        lead,
        SlaViews.clocks(omniFlow, actor, java.util.Collections.singletonList(lead.threadId())));
  }

  /** The lead's view with its thread's first-response clock as {@code sla}. */
  private static Map<String, @Nullable Object> withSla(
      Map<String, @Nullable Object> view, Lead lead, Map<UUID, ai.omniflow.sla.ThreadSla> clocks) {
    view.put(
        "sla", lead.threadId() == null ? null : SlaViews.leadView(clocks.get(lead.threadId())));
    return view;
  }

  /**
   * {@code {"fields": {...}, "stage": "...", "owner_user_id": "..."}}; each part optional, a field
   * set to null is removed, {@code owner_user_id: null} puts the lead back in the pond.
   */
  @PatchMapping("/leads/{id}")
  Map<String, @Nullable Object> patch(
      Actor actor, @PathVariable String id, @Valid @RequestBody LeadPatch body) {
    UUID lead = leadId(id);
    body.refuseUnknown();
    String stage = null;
    if (body.stage.sent()) {
      String s = body.stage.value();
      if (s == null || s.isBlank()) {
        throw OmniFlowException.invalidInput(
            LeadErrors.UNKNOWN_STAGE, "stage must be a stage key.");
      }
      stage = s.strip();
    }
    UUID owner = null;
    boolean clearOwner = false;
    if (body.ownerUserId.sent()) {
      String o = body.ownerUserId.value();
      if (o == null) {
        clearOwner = true;
      } else {
        owner = InboxApi.uuid(o, LeadErrors.OWNER_NOT_MEMBER, "owner_user_id");
      }
    }
    return LeadSnapshots.of(
        omniFlow
            .leads()
            .update(actor, lead, new LeadService.Patch(body.fields, stage, owner, clearOwner)));
  }

  /**
   * {@code {"status": "won", "amount": "12500.00", "currency": "USD", "closed_at": "...", "reason":
   * "..."}}; {@code closed_at} defaults to now. 422 for a negative amount, an unknown currency or a
   * won lead without an amount.
   */
  @PostMapping("/leads/{id}/outcome")
  Map<String, @Nullable Object> outcome(
      Actor actor, @PathVariable String id, @Valid @RequestBody OutcomeBody body) {
    UUID lead = leadId(id);
    body.refuseUnknown();
    LeadOutcome.Status status =
        LeadOutcome.Status.parse(body.status() == null ? null : body.status().strip());
    BigDecimal amount = amount(body.amount());
    Instant closedAt = omniFlow.clock().instant();
    if (body.closedAt() != null) {
      try {
        closedAt = Instant.parse(body.closedAt().strip());
      } catch (DateTimeParseException e) {
        throw OmniFlowException.invalidInput(
            "invalid_closed_at", "closed_at must be an ISO-8601 instant.");
      }
    }
    LeadOutcome outcome = new LeadOutcome(status, amount, body.currency(), closedAt, body.reason());
    return LeadSnapshots.of(omniFlow.leads().recordOutcome(actor, lead, outcome));
  }

  /** Scores the lead now: the lead, the score with its explanation, and whether it changed. */
  @PostMapping("/leads/{id}/score")
  Map<String, @Nullable Object> score(Actor actor, @PathVariable String id) {
    LeadService.ScoredLead s = omniFlow.leads().score(actor, leadId(id));
    Map<String, @Nullable Object> view = new LinkedHashMap<>();
    view.put("lead", LeadSnapshots.of(s.lead()));
    view.put("score", LeadSnapshots.score(s.score()));
    view.put("changed", s.changed());
    return view;
  }

  @GetMapping("/leads/{id}/scores")
  Page<Map<String, @Nullable Object>> history(
      Actor actor,
      @PathVariable String id,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    Page<LeadScore> p = omniFlow.leads().scoreHistory(actor, leadId(id), Api.page(limit, offset));
    return new Page<>(
        p.items().stream().map(LeadSnapshots::score).toList(), p.limit(), p.offset(), p.total());
  }

  /**
   * Routes the lead: {@code {"lead": {...}, "decision": {"outcome", "agent_id", "group", "policy",
   * "rule", "explanation": [...], ...}}}. No agent available is 200 with outcome {@code pond} and
   * the reason in the explanation.
   */
  @PostMapping("/leads/{id}/route")
  Map<String, @Nullable Object> route(Actor actor, @PathVariable String id) {
    LeadService.RoutedLead r = omniFlow.leads().route(actor, leadId(id));
    Map<String, @Nullable Object> view = new LinkedHashMap<>();
    view.put("lead", LeadSnapshots.of(r.lead()));
    view.put("decision", RoutingJson.toJson(r.decision()));
    return view;
  }

  /** The acting agent claims a lead offered to their group; 409 if it is gone or not theirs. */
  @PostMapping("/leads/{id}/claim")
  Map<String, @Nullable Object> claim(Actor actor, @PathVariable String id) {
    return LeadSnapshots.of(omniFlow.leads().claim(actor, leadId(id)));
  }

  /** Scores all the org's open leads again, in batches; for after a pack or model change. */
  @PostMapping("/leads/rescore")
  LeadService.Rescore rescore(Actor actor) {
    return omniFlow.leads().rescoreOpen(actor, "requested", 200);
  }

  /**
   * Trains the org's learned model on its closed leads and keeps the run, trained or refused: the
   * run with its report, and the rescoring it caused ({@code null} when none).
   */
  @PostMapping("/leads/model/train")
  Map<String, @Nullable Object> train(Actor actor) {
    LeadService.Training t = omniFlow.leads().trainModel(actor);
    Map<String, @Nullable Object> view = run(t.run());
    view.put("rescore", t.rescore());
    return view;
  }

  /** The org's latest training run and its report; 404 if it never trained. */
  @GetMapping("/leads/model")
  Map<String, @Nullable Object> model(Actor actor) {
    return run(
        omniFlow
            .leads()
            .latestModelRun(actor)
            .orElseThrow(() -> OmniFlowException.notFound("A training run")));
  }

  private static Map<String, @Nullable Object> run(ModelRun r) {
    Map<String, @Nullable Object> view = new LinkedHashMap<>();
    view.put("version", r.version());
    view.put("status", r.status());
    view.put("in_use", r.usable());
    view.put("trained_at", r.trainedAt().toString());
    view.put("report", r.report());
    return view;
  }

  static UUID leadId(String id) {
    return InboxApi.notFoundUnlessUuid(id, "The lead");
  }

  /**
   * @throws OmniFlowException {@code unknown_property} (invalid input) naming the first property
   *     that is not in {@code allowed}, if it looks like a property name
   */
  static void refuseUnknown(Set<String> given, Set<String> allowed) {
    for (String k : given) {
      if (!allowed.contains(k)) {
        throw OmniFlowException.invalidInput(
            ServerErrors.UNKNOWN_PROPERTY,
            (k.length() <= 64 && k.matches("[a-z_]+") ? "'" + k + "'" : "A property")
                + " is not a property here; the properties are "
                + new TreeSet<>(allowed)
                + ".");
      }
    }
  }

  /**
   * Decimal text or a JSON number, never rounded: text is checked for length and exponent before
   * {@link BigDecimal} reads it ({@code "1e-2000000"} is refused), a number as the shortest text of
   * the double the client wrote.
   */
  private static @Nullable BigDecimal amount(@Nullable JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isString()) {
      return Limits.decimal("amount", v.stringValue());
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return BigDecimal.valueOf(v.longValue());
    }
    if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) {
      return Limits.money("amount", new BigDecimal(Double.toString(v.doubleValue())));
    }
    throw OmniFlowException.invalidInput(
        LeadErrors.INVALID_AMOUNT, "amount must be a decimal number such as \"12500.00\".");
  }

  /**
   * The body of {@code PATCH /leads/{id}}, which tells a property left out (unchanged) from one
   * sent as {@code null} (removed, or for the owner: back to the pond). Jackson calls a setter only
   * for a property the JSON has, so each {@link Sent} records whether it came and with what. Not
   * thread-safe; one per request.
   */
  static final class LeadPatch {
    static final Set<String> PROPERTIES = Set.of("fields", "stage", "owner_user_id");

    /** The lead fields to set, a {@code null} value removing one; {@code null} leaves all. */
    @Size(max = Limits.MAX_LIST, message = "invalid_fields")
    @Nullable Map<String, @Nullable Object> fields;

    Sent<String> stage = Sent.absent();
    Sent<String> ownerUserId = Sent.absent();
    private final Set<String> unknown = new LinkedHashSet<>();

    @JsonSetter("fields")
    void fields(@Nullable Map<String, @Nullable Object> fields) {
      this.fields = fields;
    }

    @JsonSetter("stage")
    void stage(@Nullable String stage) {
      this.stage = Sent.of(stage);
    }

    @JsonSetter("owner_user_id")
    void ownerUserId(@Nullable String ownerUserId) {
      this.ownerUserId = Sent.of(ownerUserId);
    }

    @JsonAnySetter
    void unknown(String name, @Nullable Object value) {
      unknown.add(name);
    }

    void refuseUnknown() {
      LeadsApi.refuseUnknown(unknown, PROPERTIES);
    }
  }

  /**
   * A property of a patch: whether the JSON had it, and its value then ({@code null} when it was
   * sent as {@code null}).
   */
  record Sent<T>(boolean sent, @Nullable T value) {
    static <T> Sent<T> absent() {
      return new Sent<>(false, null);
    }

    static <T> Sent<T> of(@Nullable T value) {
      return new Sent<>(true, value);
    }
  }

  /**
   * The body of {@code POST /leads/{id}/outcome}. {@code amount} is decimal text or a JSON number,
   * so it stays a JSON value until {@link #amount} reads it.
   */
  record OutcomeBody(
      @Nullable String status,
      @Nullable JsonNode amount,
      @Size(max = Limits.MAX_ID, message = "invalid_currency") @Nullable String currency,
      @Nullable String closedAt,
      @Size(max = Limits.MAX_FREE_TEXT, message = "invalid_reason") @Nullable String reason,
      @JsonAnySetter @Nullable Map<String, @Nullable Object> otherProperties) {
    static final Set<String> PROPERTIES =
        Set.of("status", "amount", "currency", "closed_at", "reason");

    void refuseUnknown() {
      if (otherProperties != null) {
        LeadsApi.refuseUnknown(otherProperties.keySet(), PROPERTIES);
      }
    }
  }
}
