package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadSnapshots;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.routing.RoutingService;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

/**
 * The lead endpoints of the original product: conversion from a thread, listing and editing,
 * outcomes, scoring with its explanation and history. Ids that do not parse, or name another org's
 * lead or thread, answer 404. Money travels as decimal text (or a JSON number), never rounded.
 */
@RestController
final class LeadsApi {
  private static final Set<String> PATCH_KEYS = Set.of("fields", "stage", "owner_user_id");
  private static final Set<String> OUTCOME_KEYS =
      Set.of("status", "amount", "currency", "closed_at", "reason");

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
      @RequestParam(required = false) @Nullable String status) {
    PageRequest page = Api.page(limit, offset);
    UUID ownerId = null;
    boolean unowned = false;
    if (InboxApi.blank(owner) != null) {
      if (owner.strip().equals("none")) {
        unowned = true;
      } else {
        ownerId = InboxApi.uuid(owner, "invalid_filter", "owner");
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
                    "invalid_filter", "status must be open or closed.");
          };
    }
    Channel channel = null;
    if (InboxApi.blank(source) != null) {
      try {
        channel = Channel.fromId(source.strip());
      } catch (IllegalArgumentException e) {
        throw OmniFlowException.badRequest(
            "invalid_filter", "source '" + source + "' is not a channel.");
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
    Page<Lead> leads = omniFlow.leads().list(actor, filter, page);
    return new Page<>(
        leads.items().stream().map(LeadSnapshots::of).toList(),
        leads.limit(),
        leads.offset(),
        leads.total());
  }

  @GetMapping("/leads/{id}")
  Map<String, @Nullable Object> get(Actor actor, @PathVariable String id) {
    return LeadSnapshots.of(omniFlow.leads().get(actor, leadId(id)));
  }

  /**
   * {@code {"fields": {...}, "stage": "...", "owner_user_id": "..."}}; each part optional, a field
   * set to null is removed, {@code owner_user_id: null} puts the lead back in the pond.
   */
  @PatchMapping("/leads/{id}")
  Map<String, @Nullable Object> patch(
      Actor actor, @PathVariable String id, @RequestBody Map<String, @Nullable Object> body) {
    UUID lead = leadId(id);
    onlyKeys(body, PATCH_KEYS);
    Map<String, @Nullable Object> fields = null;
    if (body.get("fields") != null) {
      if (!(body.get("fields") instanceof Map<?, ?> m)) {
        throw OmniFlowException.invalidInput("invalid_field", "fields must be an object.");
      }
      fields = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        fields.put(String.valueOf(e.getKey()), e.getValue());
      }
    }
    String stage = null;
    if (body.containsKey("stage")) {
      if (!(body.get("stage") instanceof String s) || s.isBlank()) {
        throw OmniFlowException.invalidInput("unknown_stage", "stage must be a stage key.");
      }
      stage = s.strip();
    }
    UUID owner = null;
    boolean clearOwner = false;
    if (body.containsKey("owner_user_id")) {
      Object o = body.get("owner_user_id");
      if (o == null) {
        clearOwner = true;
      } else {
        owner = InboxApi.uuid(String.valueOf(o), "owner_not_member", "owner_user_id");
      }
    }
    return LeadSnapshots.of(
        omniFlow
            .leads()
            .update(actor, lead, new LeadService.Patch(fields, stage, owner, clearOwner)));
  }

  /**
   * {@code {"status": "won", "amount": "12500.00", "currency": "USD", "closed_at": "...", "reason":
   * "..."}}; {@code closed_at} defaults to now. 422 for a negative amount, an unknown currency or a
   * won lead without an amount.
   */
  @PostMapping("/leads/{id}/outcome")
  Map<String, @Nullable Object> outcome(
      Actor actor, @PathVariable String id, @RequestBody Map<String, @Nullable Object> body) {
    UUID lead = leadId(id);
    onlyKeys(body, OUTCOME_KEYS);
    LeadOutcome.Status status =
        LeadOutcome.Status.parse(body.get("status") instanceof String s ? s.strip() : null);
    BigDecimal amount = amount(body.get("amount"));
    Object currency = body.get("currency");
    if (currency != null && !(currency instanceof String)) {
      throw OmniFlowException.invalidInput(
          "invalid_currency", "currency must be an ISO 4217 code such as USD.");
    }
    Instant closedAt = omniFlow.clock().instant();
    if (body.get("closed_at") != null) {
      try {
        closedAt = Instant.parse(String.valueOf(body.get("closed_at")).strip());
      } catch (DateTimeParseException e) {
        throw OmniFlowException.invalidInput(
            "invalid_closed_at", "closed_at must be an ISO-8601 instant.");
      }
    }
    Object reason = body.get("reason");
    LeadOutcome outcome =
        new LeadOutcome(
            status,
            amount,
            (String) currency,
            closedAt,
            reason == null ? null : String.valueOf(reason));
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
    view.put("decision", RoutingService.decisionJson(r.decision()));
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

  private static void onlyKeys(Map<String, @Nullable Object> body, Set<String> allowed) {
    for (String k : body.keySet()) {
      if (!allowed.contains(k)) {
        throw OmniFlowException.invalidInput(
            "unknown_property",
            (k.length() <= 64 && k.matches("[a-z_]+") ? "'" + k + "'" : "A property")
                + " is not a property here; the properties are "
                + allowed
                + ".");
      }
    }
  }

  private static @Nullable BigDecimal amount(@Nullable Object v) {
    if (v == null) {
      return null;
    }
    try {
      if (v instanceof BigDecimal d) {
        return Limits.money("amount", d);
      }
      if (v instanceof Integer || v instanceof Long) {
        return BigDecimal.valueOf(((Number) v).longValue());
      }
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        // The shortest text of the double is the decimal the client wrote.
        return new BigDecimal(n.toString());
      }
      if (v instanceof String s) {
        // Checks length and exponent before BigDecimal allocates: "1e-2000000" is refused.
        return Limits.decimal("amount", s);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw OmniFlowException.invalidInput(
        "invalid_amount", "amount must be a decimal number such as \"12500.00\".");
  }
}
