package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.PackOverride;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms of {@code /settings/pack} that change the org's pack, for owners and admins ({@link
 * Permission#PACK_SELECT}; another role gets the 403 page, {@link PageErrors}): select a pack of
 * the catalog, save the org's override, remove it, accept a newer version offered. Each calls the
 * use case {@code POST /verticals/select}, {@code PUT|DELETE /verticals/override} and {@code POST
 * /verticals/upgrade/accept} call ({@code omniFlow.packs()}), which checks and decides. A refused
 * selection is the page again with the problem beside the pack's field. A refused override is the
 * page again, with a 4xx status, every problem at its path ({@link PackOverrideErrors}) and the
 * text as it was sent, so it can be corrected; nothing was saved. A change that leaves some of the
 * org's playbooks not fitting the pack says so in its notice.
 */
@Controller
final class PackOverridePage {
  /** Where the page opens after a change of the override. */
  private static final String OVERRIDE = "#override-title";

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final PackSettingsPage page;

  PackOverridePage(OmniFlow omniFlow, Pages pages, PackSettingsPage page) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.page = page;
  }

  /** Saves {@code patch} as the org's override of its pack, replacing the one it had. */
  @PostMapping("/ui/settings/pack/override")
  String save(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String patch,
      RedirectAttributes flash) {
    Actor actor = manager(who, request);
    // A browser sends a text field's line breaks as CRLF (HTML's form encoding): kept as typed.
    String text = patch == null ? "" : patch.replace("\r\n", "\n");
    try {
      PackOverride saved = omniFlow.packs().saveOverride(actor, text);
      return back(
          actor,
          flash,
          "The override is saved: "
              + saved.baseSlug()
              + " is used with it from now on, and open leads are being rescored.",
          OVERRIDE);
    } catch (OmniFlowException e) {
      refusedInForm(e, response);
      // The text goes back into the field it came from, for this person to correct; one longer
      // than any patch may be is not sent back.
      model.addAttribute("patchText", text.length() <= PackOverride.MAX_PATCH ? text : "");
      model.addAttribute("overrideErrors", PackOverrideErrors.of(e));
      return page.show(actor, who, model, Map.of());
    }
  }

  /** Removes the org's override: its pack is the catalog's again. */
  @PostMapping("/ui/settings/pack/override/delete")
  String delete(
      @AuthenticationPrincipal SignedIn who, HttpServletRequest request, RedirectAttributes flash) {
    Actor actor = manager(who, request);
    boolean had = omniFlow.packs().deleteOverride(actor);
    return back(
        actor,
        flash,
        had
            ? "The override is removed: the pack is used as shipped, and open leads are being"
                + " rescored."
            : "There was no override to remove.",
        OVERRIDE);
  }

  /**
   * Selects pack {@code pack_slug} of those the page offers ({@code omniFlow.packs().available})
   * for the org, at its newest version; a slug the page did not offer is refused beside the field
   * without being echoed, as is whatever OmniFlow refuses (an override that does not fit the pack).
   */
  @PostMapping("/ui/settings/pack/select")
  String select(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "pack_slug", required = false) @Nullable String slug,
      RedirectAttributes flash) {
    Actor actor = manager(who, request);
    try {
      String chosen = InboxApi.blank(slug);
      boolean offered =
          chosen != null
              && omniFlow.packs().available(actor).stream().anyMatch(p -> p.slug().equals(chosen));
      if (!offered) {
        throw OmniFlowException.invalidInput(
            "invalid_pack_slug", "Choose one of the packs listed.");
      }
      Org before = omniFlow.tenancy().org(actor);
      Org org = omniFlow.packs().select(actor, chosen);
      boolean same =
          chosen.equals(before.packSlug())
              && java.util.Objects.equals(org.packVersion(), before.packVersion());
      return back(
          actor,
          flash,
          same
              ? "The org uses " + org.packSlug() + " " + org.packVersion() + " already."
              : "The org now uses "
                  + org.packSlug()
                  + " "
                  + org.packVersion()
                  + ", and open leads are being rescored.",
          "#pack-title");
    } catch (OmniFlowException e) {
      refusedInForm(e, response);
      return page.show(actor, who, model, FormErrors.of(e, "select", Set.of("pack_slug")));
    }
  }

  /** Accepts the version the page offered; a refusal is shown beside the offer. */
  @PostMapping("/ui/settings/pack/upgrade")
  String accept(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String version,
      RedirectAttributes flash) {
    Actor actor = manager(who, request);
    try {
      Org org = omniFlow.packs().acceptUpgrade(actor, version == null ? "" : version);
      return back(
          actor,
          flash,
          "The org now uses "
              + org.packSlug()
              + " "
              + org.packVersion()
              + ", and open leads are being rescored.",
          "");
    } catch (OmniFlowException e) {
      refusedInForm(e, response);
      return page.show(actor, who, model, Map.of("upgrade", String.valueOf(e.getMessage())));
    }
  }

  /** The signed-in member, who must be allowed to change the org's pack: else a 403 page. */
  private Actor manager(SignedIn who, HttpServletRequest request) {
    Actor actor = pages.actor(who, request);
    Permission.PACK_SELECT.check(actor);
    return actor;
  }

  /**
   * Back to {@code /settings/pack} at {@code anchor}, with {@code notice} in its alert area,
   * followed by how many of the org's playbooks no longer fit the pack after the change, if any
   * (read after it committed, as the JSON answers' {@code playbooks_invalid}: decisions 0087 and
   * 0091).
   */
  private String back(Actor actor, RedirectAttributes flash, String notice, String anchor) {
    flash.addFlashAttribute(
        "notice", notice + InvalidPlaybooks.notice(InvalidPlaybooks.of(omniFlow, actor)));
    return "redirect:/settings/pack" + anchor;
  }

  /**
   * Rethrows {@code e} for the error page unless it is a refusal shown beside the form; then the
   * page shown again answers with its status.
   */
  private static void refusedInForm(OmniFlowException e, HttpServletResponse response) {
    if (!FormErrors.inForm(e)) {
      throw e;
    }
    response.setStatus(e.kind().httpStatus());
  }
}
