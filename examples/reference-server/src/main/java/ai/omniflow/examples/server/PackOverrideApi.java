package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.OverrideStatus;
import ai.omniflow.pack.PackOverride;
import ai.omniflow.tenancy.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's own override of its pack (docs/verticals.md, "An org's own override"): read (with
 * whether it is applied, unused or broken), saved (checked as a whole pack by core, 422 with every
 * problem in {@code errors} and nothing written), deleted. Only adapts: {@code omniFlow.packs()}
 * checks and decides.
 */
@RestController
final class PackOverrideApi {
  private final OmniFlow omniFlow;

  PackOverrideApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /**
   * The override's text, as saved, with the pack it is written for and what it does now ({@code
   * status}: {@code applied}, {@code unused}, or {@code broken} with its {@code errors}); 404
   * without one.
   */
  @GetMapping("/verticals/override")
  Map<String, @Nullable Object> get(Actor actor) {
    OverrideStatus s =
        omniFlow
            .packs()
            .overrideStatus(actor)
            .orElseThrow(() -> OmniFlowException.notFound("The org's pack override"));
    Map<String, @Nullable Object> v = view(actor, s.override());
    v.put("status", s.state().name().toLowerCase(Locale.ROOT));
    v.put("errors", Problems.errors(s.errors()));
    return v;
  }

  /**
   * {@code {"patch": "<YAML or JSON text>"}}: saves it over the org's selected pack; answers it
   * with the org's playbooks that do not fit the pack with it ({@code playbooks_invalid}).
   */
  @PutMapping("/verticals/override")
  Map<String, @Nullable Object> put(Actor actor, @RequestBody SavePatch body) {
    String patch = body.patch() == null ? "" : body.patch();
    Map<String, @Nullable Object> v = view(actor, omniFlow.packs().saveOverride(actor, patch));
    v.put("status", "applied"); // checked over the org's pack as it saved
    v.put("errors", List.of());
    v.put("playbooks_invalid", PlaybooksApi.invalid(omniFlow, actor));
    return v;
  }

  /**
   * Removes the override, whether or not there was one: the org's pack is the catalog's again.
   * Answers, as the other changes of the pack do, {@code {"deleted": <whether there was one>,
   * "playbooks_invalid": [...]}}, the org's playbooks that do not fit the pack without it (decision
   * 0091).
   */
  @DeleteMapping("/verticals/override")
  Map<String, @Nullable Object> delete(Actor actor) {
    boolean had = omniFlow.packs().deleteOverride(actor);
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("deleted", had);
    v.put("playbooks_invalid", PlaybooksApi.invalid(omniFlow, actor));
    return v;
  }

  private Map<String, @Nullable Object> view(Actor actor, PackOverride o) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("pack_slug", o.baseSlug());
    v.put("applies", o.baseSlug().equals(omniFlow.tenancy().org(actor).packSlug()));
    v.put("revision", o.revision().toString());
    v.put("updated_at", o.updatedAt().toString());
    v.put("patch", o.patch());
    return v;
  }

  /** The body of {@code PUT /verticals/override}. */
  record SavePatch(@Nullable String patch) {}
}
