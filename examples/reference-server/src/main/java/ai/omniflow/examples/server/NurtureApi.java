package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.LeadNurture;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.tenancy.Actor;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The nurture endpoints of the original product (docs/nurture.md): enroll a lead in one of its
 * org's playbooks, read its enrollment with the history, stop it. Only adapts: {@code
 * omniFlow.enrollments()} decides. Ids that do not parse, or name another org's lead, answer 404.
 */
@RestController
final class NurtureApi {
  private final OmniFlow omniFlow;

  NurtureApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** {@code {"playbook_id": "gentle-follow-up"}}: 201 with the lead's nurture. */
  @PostMapping("/leads/{id}/nurture/apply")
  ResponseEntity<Map<String, @Nullable Object>> apply(
      Actor actor, @PathVariable String id, @RequestBody ApplyBody body) {
    body.refuseUnknown();
    LeadNurture n = omniFlow.enrollments().apply(actor, LeadsApi.leadId(id), body.playbookId());
    return ResponseEntity.created(URI.create("/leads/" + n.leadId() + "/nurture")).body(view(n));
  }

  /** The lead's newest enrollment ({@code null} if never enrolled) and its history. */
  @GetMapping("/leads/{id}/nurture")
  Map<String, @Nullable Object> get(Actor actor, @PathVariable String id) {
    return view(omniFlow.enrollments().get(actor, LeadsApi.leadId(id)));
  }

  /** Stops the lead's running enrollment; 409 {@code not_enrolled} if none runs. */
  @PostMapping("/leads/{id}/nurture/stop")
  Map<String, @Nullable Object> stop(Actor actor, @PathVariable String id) {
    return view(omniFlow.enrollments().stop(actor, LeadsApi.leadId(id)));
  }

  static Map<String, @Nullable Object> view(LeadNurture n) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("lead_id", n.leadId().toString());
    StoredEnrollment s = n.enrollment();
    if (s == null) {
      v.put("enrollment", null);
    } else {
      Enrollment e = s.enrollment();
      Map<String, @Nullable Object> en = new LinkedHashMap<>();
      en.put("id", e.id().toString());
      en.put("playbook_id", e.playbookKey());
      en.put("status", e.status().name().toLowerCase(Locale.ROOT));
      en.put("end_reason", e.endReason());
      en.put("step", e.step());
      en.put("next_run_at", e.active() ? e.nextRunAt().toString() : null);
      en.put("last_send_at", e.lastSendAt().toString());
      en.put("stop_on_reply", s.stopOnReply());
      en.put("created_at", s.createdAt().toString());
      en.put("updated_at", s.updatedAt().toString());
      v.put("enrollment", en);
    }
    List<Map<String, @Nullable Object>> history = new ArrayList<>();
    for (EnrollmentHistoryEntry h : n.history()) {
      Map<String, @Nullable Object> line = new LinkedHashMap<>();
      line.put("kind", h.kind().wireName());
      line.put("step_key", h.stepKey());
      line.put("detail", h.detail());
      line.put("at", h.at().toString());
      history.add(line);
    }
    v.put("history", history);
    return v;
  }

  /** The body of {@code POST /leads/{id}/nurture/apply}. */
  record ApplyBody(
      @Nullable String playbookId,
      @JsonAnySetter @Nullable Map<String, @Nullable Object> otherProperties) {
    static final Set<String> PROPERTIES = Set.of("playbook_id");

    void refuseUnknown() {
      if (otherProperties != null) {
        LeadsApi.refuseUnknown(otherProperties.keySet(), PROPERTIES);
      }
    }
  }
}
