package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.PackOverride;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /settings/pack}'s override and upgrade forms over real HTTP, as a browser posts them
 * ({@link PageClient}): refusals shown on the page with nothing changed, CSRF, and roles.
 */
@DisplayName("The pack settings page's forms")
class PackSettingsPageTest extends ServerTest {
  private static final String REMOVE_OLD_STAGE =
      "stages:\n- {key: " + OlderPackVersion.EXTRA_STAGE + ", remove: true}\n";

  private Actor realEstateOrg(String name) {
    Actor owner = newOrg(name + " " + UUID.randomUUID());
    omniFlow.packs().select(owner, "real-estate");
    return owner;
  }

  @Test
  @DisplayName(
      "an upgrade the override does not merge over is refused beside the offer, and the org stays"
          + " on its version")
  void refusedUpgrade() throws Exception {
    Actor owner = realEstateOrg("Refused Upgrade Realty");
    String catalog = omniFlow.tenancy().org(owner).packVersion();
    OlderPackVersion.accept(store, owner, now(), true);
    omniFlow.packs().saveOverride(owner, REMOVE_OLD_STAGE);
    PageClient pages = pagesAs(owner, owner.userId());

    HttpResponse<String> refused =
        pages.submit("/settings/pack", "/ui/settings/pack/upgrade", "version=" + catalog);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("id=\"upgrade-error\"")
        .contains("no item &#39;" + OlderPackVersion.EXTRA_STAGE + "&#39;")
        .contains("id=\"upgrade-changes\"");
    assertThat(omniFlow.tenancy().org(owner).packVersion()).isEqualTo(OlderPackVersion.VERSION);
    assertThat(omniFlow.packs().upgrade(owner)).isPresent();

    HttpResponse<String> stale =
        pages.submit("/settings/pack", "/ui/settings/pack/upgrade", "version=9.9.9");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).contains("id=\"upgrade-error\"").doesNotContain("Exception");
  }

  @Test
  @DisplayName("a patch longer than any may be is refused and not sent back into the field")
  void tooLongPatch() throws Exception {
    Actor owner = realEstateOrg("Long Patch Realty");
    PageClient pages = pagesAs(owner, owner.userId());
    String longPatch = "#" + "x".repeat(PackOverride.MAX_PATCH);

    HttpResponse<String> refused =
        pages.submit(
            "/settings/pack", "/ui/settings/pack/override", "patch=" + PageClient.enc(longPatch));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"override-summary\"").doesNotContain("xxxxxxxxxx");
    assertThat(omniFlow.packs().override(owner)).isEmpty();
  }

  @Test
  @DisplayName("the forms want a CSRF token, and an agent's save, removal or accept is 403")
  void csrfAndRoles() throws Exception {
    Actor owner = realEstateOrg("Roles Realty");
    String patch = "stages:\n- {key: qualified, label: Pre-qualified}\n";
    omniFlow.packs().saveOverride(owner, patch);
    PageClient ownerPages = pagesAs(owner, owner.userId());
    assertThat(ownerPages.send("POST", "/ui/settings/pack/override/delete", "").statusCode())
        .isEqualTo(403);
    PageClient viewer = pagesAs(owner, addMember(owner, Role.VIEWER));
    HttpResponse<String> forged =
        viewer.submit(
            "/settings/pack",
            "/ui/settings/pack/override",
            "patch=" + PageClient.enc("stages: []"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("<h1>Forbidden</h1>").contains("class=\"error\"");
    PageClient agent = pagesAs(owner, addMember(owner, Role.AGENT));

    HttpResponse<String> shown = agent.get("/settings/pack");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("id=\"override-text\"").doesNotContain("override-form");
    for (String[] post :
        new String[][] {
          {"/ui/settings/pack/override", "patch=" + PageClient.enc("stages: []")},
          {"/ui/settings/pack/override/delete", ""},
          {"/ui/settings/pack/upgrade", "version=1.0.0"},
        }) {
      assertThat(agent.submit("/settings/pack", post[0], post[1]).statusCode())
          .as(post[0])
          .isEqualTo(403);
    }
    assertThat(omniFlow.packs().override(owner).orElseThrow().patch()).isEqualTo(patch);
  }

  /** An override that adds a stage the real-estate pack does not ship. */
  private static final String ADD_NURTURING =
      "stages:\n- {key: nurturing, label: Nurturing, before: qualified}\n";

  /** An org playbook whose second step moves the lead to the override's stage. */
  private static final String TO_NURTURING =
      Given.callThenStage("park", "Call, then park", "park_it", "nurturing");

  @Test
  @DisplayName(
      "removing the override a playbook's stage came from says in its notice that a playbook no"
          + " longer fits, and the page lists it with its step and problem on every view until"
          + " the pack fits it again")
  void removedOverrideShowsThePlaybookThatNoLongerFits() throws Exception {
    Actor owner = realEstateOrg("Invalid Playbook Realty");
    omniFlow.packs().saveOverride(owner, ADD_NURTURING);
    given(owner).playbook(TO_NURTURING);
    PageClient pages = pagesAs(owner, owner.userId());
    assertThat(pages.get("/settings/pack").body()).doesNotContain("id=\"playbooks-invalid\"");

    HttpResponse<String> removed =
        pages.submit("/settings/pack", "/ui/settings/pack/override/delete", "");

    assertThat(removed.statusCode()).isEqualTo(302);
    String after = pages.get("/settings/pack").body();
    assertThat(after)
        .contains("The override is removed")
        .contains("One of the org&#39;s playbooks (Call, then park) no longer fits the pack")
        .contains("id=\"playbooks-invalid\"")
        .contains("data-playbook=\"park\"")
        .contains("Step 2")
        .contains("/steps/1/change_stage/stage")
        .contains("&#39;nurturing&#39;, which the pack does not have");
    String again = pages.get("/settings/pack").body();
    assertThat(again).doesNotContain("The override is removed").contains("data-playbook=\"park\"");

    HttpResponse<String> saved =
        pages.submit(
            "/settings/pack",
            "/ui/settings/pack/override",
            "patch=" + PageClient.enc(ADD_NURTURING));
    assertThat(saved.statusCode()).isEqualTo(302);
    String fits = pages.get("/settings/pack").body();
    assertThat(fits)
        .contains("The override is saved")
        .doesNotContain("no longer fit")
        .doesNotContain("id=\"playbooks-invalid\"");
  }

  @Test
  @DisplayName(
      "a playbook another pack does not fit is listed on the page for an agent too, who is shown"
          + " no control")
  void selectedPackShowsThePlaybookToEveryMember() throws Exception {
    Actor owner = realEstateOrg("Selected Pack Realty");
    given(owner)
        .playbook(
            Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified"));
    // The med-spa pack has no stage 'qualified'.
    omniFlow.packs().select(owner, "med-spa");

    HttpResponse<String> shown = pagesAs(owner, addMember(owner, Role.AGENT)).get("/settings/pack");

    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("Playbooks that no longer fit")
        .contains("data-playbook=\"qualify\"")
        .contains("/steps/1/change_stage/stage")
        .doesNotContain("override-form");
  }

  @Test
  @DisplayName(
      "an owner selects the org's first pack on the page, then another, each said in the notice,"
          + " and the org uses it")
  void selectsAPack() throws Exception {
    Actor owner = newOrg("Select Pack Realty " + UUID.randomUUID());
    PageClient pages = pagesAs(owner, owner.userId());
    String before = pages.get("/settings/pack").body();
    assertThat(before)
        .contains("id=\"no-pack\"")
        .contains("id=\"select-form\" data-busy>")
        .contains("<option value=\"real-estate\"")
        .contains("<option value=\"med-spa\"");

    HttpResponse<String> first =
        pages.submit("/settings/pack", "/ui/settings/pack/select", "pack_slug=real-estate");

    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("#pack-title");
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("real-estate");
    String after = pages.get("/settings/pack").body();
    assertThat(after)
        .contains("The org now uses real-estate")
        .contains("id=\"pack\"")
        .containsPattern("<option value=\"real-estate\" selected=\"selected\"");

    pages.submit("/settings/pack", "/ui/settings/pack/select", "pack_slug=med-spa");
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("med-spa");
    pages.submit("/settings/pack", "/ui/settings/pack/select", "pack_slug=med-spa");
    assertThat(pages.get("/settings/pack").body()).contains("The org uses med-spa");
  }

  @Test
  @DisplayName(
      "a pack the page did not offer is refused beside the field without echoing it, and the org"
          + " keeps its pack")
  void refusedSelection() throws Exception {
    Actor owner = realEstateOrg("Refused Select Realty");
    PageClient pages = pagesAs(owner, owner.userId());
    long[] before = writes(owner);

    for (String slug : new String[] {"", "no-such-pack-" + "z".repeat(5_000)}) {
      HttpResponse<String> refused =
          pages.submit("/settings/pack", "/ui/settings/pack/select", "pack_slug=" + slug);

      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body())
          .contains("id=\"select-pack_slug-error\"")
          .contains("Choose one of the packs listed.")
          .contains("aria-describedby=\"select-pack_slug-error\"")
          .doesNotContain("zzzzzzzzzz");
    }
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("real-estate");
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName(
      "only owners and admins are shown the pack's select form; an agent's or a manager's post is"
          + " the 403 page, and a post without a CSRF token too")
  void selectionRoles() throws Exception {
    Actor owner = realEstateOrg("Select Roles Realty");
    assertThat(
            pagesAs(owner, owner.userId())
                .send("POST", "/ui/settings/pack/select", "pack_slug=med-spa")
                .statusCode())
        .isEqualTo(403);
    assertThat(pagesAs(owner, addMember(owner, Role.ADMIN)).get("/settings/pack").body())
        .contains("id=\"select-form\"");
    for (Role role : new Role[] {Role.MANAGER, Role.AGENT, Role.VIEWER}) {
      PageClient member = pagesAs(owner, addMember(owner, role));
      assertThat(member.get("/settings/pack").body())
          .as(role.wireName())
          .doesNotContain("select-form")
          .contains("id=\"select-read-only\"");
      HttpResponse<String> forged =
          member.submit("/settings/pack", "/ui/settings/pack/select", "pack_slug=med-spa");
      assertThat(forged.statusCode()).as(role.wireName()).isEqualTo(403);
      assertThat(forged.body()).contains("<h1>Forbidden</h1>");
    }
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("real-estate");
  }
}
