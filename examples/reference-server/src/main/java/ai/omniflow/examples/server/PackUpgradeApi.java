package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.pack.PackChange;
import ai.omniflow.pack.PackUpgrade;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A newer version of the org's pack offered, with what it changes from the accepted one, and
 * accepting it (docs/verticals.md, "Upgrades offered to orgs", decision 0080). Only adapts: {@code
 * omniFlow.packs()} compares and decides.
 */
@RestController
final class PackUpgradeApi {
  private final OmniFlow omniFlow;

  PackUpgradeApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** 200 with the offer and its changes; 204 when the org is on the catalog's version. */
  @GetMapping("/verticals/upgrade")
  ResponseEntity<Map<String, @Nullable Object>> offer(Actor actor) {
    return omniFlow
        .packs()
        .upgrade(actor)
        .map(u -> ResponseEntity.ok(view(u)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  /**
   * {@code {"version": "1.7.0"}}: accepts the offered version; answers the org, with the org's
   * playbooks that do not fit the new version ({@code playbooks_invalid}).
   */
  @PostMapping("/verticals/upgrade/accept")
  Api.OrgView accept(Actor actor, @RequestBody AcceptUpgrade body) {
    return Api.OrgView.of(
        omniFlow.packs().acceptUpgrade(actor, body.version() == null ? "" : body.version()),
        PlaybooksApi.invalid(omniFlow, actor));
  }

  private static Map<String, @Nullable Object> view(PackUpgrade u) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("pack_slug", u.slug());
    v.put("accepted_version", u.acceptedVersion());
    v.put("offered_version", u.offeredVersion());
    List<Map<String, @Nullable Object>> changes = null;
    if (u.changes() != null) {
      changes = new ArrayList<>();
      for (PackChange c : u.changes()) {
        Map<String, @Nullable Object> one = new LinkedHashMap<>();
        one.put("kind", c.kind());
        one.put("path", c.path());
        one.put("before", c.before());
        one.put("after", c.after());
        changes.add(one);
      }
    }
    v.put("changes", changes);
    return v;
  }

  /** The body of {@code POST /verticals/upgrade/accept}. */
  record AcceptUpgrade(@Nullable String version) {}
}
