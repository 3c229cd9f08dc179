package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.enrollment.NurtureSuggestions;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.nurture.PlaybookJson;
import ai.omniflow.tenancy.Actor;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's nurture playbooks (docs/nurture.md, decision 0067): the pack's and the org's own, each
 * with its origin; adding, replacing and deleting the org's own; and the playbooks that fit a lead
 * now. Only adapts: {@code omniFlow.playbooks()} reads, checks and decides.
 */
@RestController
final class PlaybooksApi {
  private final OmniFlow omniFlow;

  PlaybooksApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** {@code {"playbooks": [...]}}: the pack's in its order, then the org's own. */
  @GetMapping("/nurture/playbooks")
  Map<String, @Nullable Object> list(Actor actor) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (OrgPlaybook p : omniFlow.playbooks().list(actor)) {
      out.add(view(p));
    }
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("playbooks", out);
    return v;
  }

  /** A playbook's JSON with its key: 201 with the playbook in force. */
  @PostMapping("/nurture/playbooks")
  ResponseEntity<Map<String, @Nullable Object>> create(
      Actor actor, @RequestBody Map<String, @Nullable Object> body) {
    OrgPlaybook p = omniFlow.playbooks().create(actor, body);
    return ResponseEntity.created(URI.create("/nurture/playbooks/" + p.playbook().key()))
        .body(view(p));
  }

  @GetMapping("/nurture/playbooks/{id}")
  Map<String, @Nullable Object> get(Actor actor, @PathVariable String id) {
    return view(omniFlow.playbooks().get(actor, id));
  }

  /** Replaces the org's playbook, or overrides the pack's with that key. */
  @PutMapping("/nurture/playbooks/{id}")
  Map<String, @Nullable Object> replace(
      Actor actor, @PathVariable String id, @RequestBody Map<String, @Nullable Object> body) {
    return view(omniFlow.playbooks().replace(actor, id, body));
  }

  /** 200 with the pack's playbook in force again, or 204 when the pack has none with that key. */
  @DeleteMapping("/nurture/playbooks/{id}")
  ResponseEntity<Map<String, @Nullable Object>> delete(Actor actor, @PathVariable String id) {
    return omniFlow
        .playbooks()
        .delete(actor, id)
        .map(p -> ResponseEntity.ok(view(p)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** The playbooks that fit the lead now, why, and their first steps at their times. */
  @PostMapping("/leads/{id}/nurture/suggest")
  Map<String, @Nullable Object> suggest(Actor actor, @PathVariable String id) {
    NurtureSuggestions s = omniFlow.playbooks().suggest(actor, LeadsApi.leadId(id));
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("lead_id", s.leadId().toString());
    v.put("at", s.at().toString());
    Map<String, @Nullable Object> lead = new LinkedHashMap<>();
    lead.put("stage", s.stage());
    lead.put("band", s.band());
    lead.put("intent", s.intent());
    lead.put("silence", s.silence().toString());
    v.put("lead", lead);
    v.put("unavailable", s.unavailable());
    List<Map<String, @Nullable Object>> playbooks = new ArrayList<>();
    for (NurtureSuggestions.Suggestion one : s.playbooks()) {
      Map<String, @Nullable Object> p = new LinkedHashMap<>();
      p.put("playbook_id", one.playbook().playbook().key());
      p.put("name", one.playbook().playbook().name());
      p.put("origin", one.playbook().origin().wireName());
      p.put("reasons", one.reasons());
      p.put("blocked", one.blocked());
      List<Map<String, @Nullable Object>> preview = new ArrayList<>();
      for (NurtureSuggestions.Preview m : one.preview()) {
        Map<String, @Nullable Object> line = new LinkedHashMap<>();
        line.put("step_key", m.stepKey());
        line.put("kind", m.kind());
        line.put("at", m.at().toString());
        line.put("detail", m.detail());
        preview.add(line);
      }
      p.put("preview", preview);
      playbooks.add(p);
    }
    v.put("playbooks", playbooks);
    return v;
  }

  static Map<String, @Nullable Object> view(OrgPlaybook p) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("id", p.playbook().key());
    v.put("origin", p.origin().wireName());
    v.put("updated_at", p.updatedAt() == null ? null : p.updatedAt().toString());
    v.putAll(PlaybookJson.toJson(p.playbook()));
    return v;
  }
}
