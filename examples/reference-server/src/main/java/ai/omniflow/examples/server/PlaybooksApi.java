package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.enrollment.NurtureSuggestions;
import ai.omniflow.enrollment.OrgPlaybook;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.PlaybookJson;
import ai.omniflow.tenancy.Actor;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperties;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
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
import org.springframework.web.bind.annotation.RequestParam;
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
      Actor actor, @RequestBody PlaybookBody body) {
    OrgPlaybook p = omniFlow.playbooks().create(actor, body.json());
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
      Actor actor, @PathVariable String id, @RequestBody PlaybookBody body) {
    return view(omniFlow.playbooks().replace(actor, id, body.json()));
  }

  /**
   * 200 with the pack's playbook in force again, or 204 when the pack has none with that key; with
   * {@code ?stop_enrollments=true} the playbook's active enrollments are stopped with it ({@code
   * playbook_deleted}), else a playbook in use is {@code 409 playbook_in_use}. Only {@code true}
   * stops them: any other value is a plain delete, so a typo never stops an enrollment.
   */
  @DeleteMapping("/nurture/playbooks/{id}")
  ResponseEntity<Map<String, @Nullable Object>> delete(
      Actor actor,
      @PathVariable String id,
      @RequestParam(name = "stop_enrollments", required = false) @Nullable String stopEnrollments) {
    boolean stop = stopEnrollments != null && stopEnrollments.strip().equals("true");
    return omniFlow
        .playbooks()
        .delete(actor, id, stop)
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
    List<Map<String, @Nullable Object>> leftOut = new ArrayList<>();
    for (NurtureSuggestions.LeftOut one : s.leftOut()) {
      Map<String, @Nullable Object> p = new LinkedHashMap<>();
      p.put("playbook_id", one.playbook().playbook().key());
      p.put("name", one.playbook().playbook().name());
      p.put("origin", one.playbook().origin().wireName());
      p.put("reason", one.reason());
      p.put("problems", problems(one.playbook()));
      leftOut.add(p);
    }
    v.put("left_out", leftOut);
    return v;
  }

  /**
   * The org's playbooks that do not fit its pack as it is now, as a change of the pack answers them
   * ({@code playbooks_invalid}: decision 0087): each {@code playbook_id}, {@code name}, {@code
   * origin} and {@code problems}; read after the change committed.
   */
  static List<Map<String, @Nullable Object>> invalid(OmniFlow omniFlow, Actor actor) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (OrgPlaybook p : omniFlow.playbooks().list(actor)) {
      if (p.status() == OrgPlaybook.Status.INVALID) {
        Map<String, @Nullable Object> one = new LinkedHashMap<>();
        one.put("playbook_id", p.playbook().key());
        one.put("name", p.playbook().name());
        one.put("origin", p.origin().wireName());
        one.put("problems", problems(p));
        out.add(one);
      }
    }
    return out;
  }

  /** The playbook's problems against the org's pack now: {@code [{path, message}]}. */
  static List<Map<String, @Nullable Object>> problems(OrgPlaybook p) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (Problem pr : p.problems()) {
      Map<String, @Nullable Object> one = new LinkedHashMap<>();
      one.put("path", pr.path());
      one.put("message", pr.message());
      out.add(one);
    }
    return out;
  }

  static Map<String, @Nullable Object> view(OrgPlaybook p) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("id", p.playbook().key());
    v.put("origin", p.origin().wireName());
    v.put("updated_at", p.updatedAt() == null ? null : p.updatedAt().toString());
    v.put("status", p.status().wireName());
    v.put("problems", problems(p));
    v.putAll(PlaybookJson.toJson(p.playbook()));
    return v;
  }

  /**
   * The body of {@code POST /nurture/playbooks} and {@code PUT /nurture/playbooks/{id}}: the pack
   * file's form of a playbook, {@code key}, {@code name}, {@code description}, {@code
   * stop_on_reply}, {@code fits} and {@code steps}. Each property is kept as the client sent it, in
   * the order sent, whether it is one of these or not, so that {@link PlaybookJson#read} checks
   * them all and names each problem at its path exactly as for a pack file: a wrong type is its
   * {@code 422 invalid_playbook}, not a binding error, and of several unknown properties the first
   * sent is named. A class bound property by property through its one {@code @JsonAnySetter} rather
   * than a record: Jackson binds a record through its constructor, holding back the properties that
   * are not one and handing them over in another order. The properties are named for the OpenAPI
   * description only, by {@code @SchemaProperties}.
   */
  @SchemaProperties({
    @SchemaProperty(name = "key", schema = @Schema(type = "string")),
    @SchemaProperty(name = "name", schema = @Schema(type = "string")),
    @SchemaProperty(name = "description", schema = @Schema(type = "string")),
    @SchemaProperty(name = "stop_on_reply", schema = @Schema(type = "boolean")),
    @SchemaProperty(name = "fits", schema = @Schema(implementation = Object.class)),
    @SchemaProperty(
        name = "steps",
        array = @ArraySchema(schema = @Schema(implementation = Object.class)))
  })
  static final class PlaybookBody {
    private final Map<String, @Nullable Object> json = new LinkedHashMap<>();

    @JsonAnySetter
    void property(String name, @Nullable Object value) {
      json.put(name, value);
    }

    /** The JSON object as sent, for {@link PlaybookJson#read}. */
    Map<String, @Nullable Object> json() {
      return json;
    }
  }
}
