package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.LeadField;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/pack}: the org's vertical pack as it stands — name and version, lead fields,
 * pipeline stages, intents and reply templates — with the org's own override of it ({@link
 * PackOverrideView}) and a newer version offered with what it changes ({@link PackUpgradeView}),
 * which owners and admins ({@link Permission#PACK_SELECT}) select, save, remove and accept through
 * {@link PackOverridePage}; and the org's time zone, which owners and admins ({@link
 * Permission#ORG_SETTINGS_MANAGE}) change through {@link OrgApi}'s own method ({@code PUT
 * /org/time-zone}); a refused zone is shown next to the field ({@link FormErrors}). On every view
 * it lists the org's own playbooks that no longer fit the pack, each with its problems at their
 * steps ({@link InvalidPlaybooks}, decisions 0087 and 0091).
 */
@Controller
final class PackSettingsPage {
  /** Every IANA region id the JDK knows, sorted, for the time-zone field's suggestions. */
  static final List<String> ZONES =
      ZoneId.getAvailableZoneIds().stream().filter(Org::isTimeZone).sorted().toList();

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final OrgApi orgApi;

  PackSettingsPage(OmniFlow omniFlow, Pages pages, OrgApi orgApi) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.orgApi = orgApi;
  }

  /** A lead field as the page shows it. */
  record FieldRow(String key, String label, String type, String options) {}

  /** A pipeline stage. */
  record StageRow(String key, String label, @Nullable String outcome) {}

  /** An intent with the words that signal it and its reply template. */
  record IntentRow(
      String key,
      String label,
      String signals,
      @Nullable String nextAction,
      @Nullable String reply) {}

  @GetMapping("/settings/pack")
  String pack(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    return show(actor, who, model, Map.of());
  }

  /** Sets the org's IANA time zone; times on every page are then shown in it. */
  @PostMapping("/ui/settings/time-zone")
  String timeZone(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "time_zone", required = false) @Nullable String timeZone,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    try {
      Api.OrgView org =
          orgApi.setTimeZone(actor, new OrgApi.TimeZoneBody(InboxApi.blank(timeZone)));
      flash.addFlashAttribute("notice", "Times are now shown in " + org.timeZone() + ".");
      return "redirect:/settings/pack";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      return show(actor, who, model, FormErrors.of(e, "tz", Set.of("time_zone")));
    }
  }

  /**
   * Renders the page; a refused override ({@link PackOverridePage}) has put the text it was sent
   * ({@code patchText}) and its problems ({@code overrideErrors}) in the model first.
   */
  String show(Actor actor, SignedIn who, Model model, Map<String, String> errors) {
    Pages.Zone zone = pages.frame(actor, who, "settings-pack", model);
    Org org = omniFlow.tenancy().org(actor);
    VerticalPack pack = omniFlow.packs().current(actor).orElse(null);
    List<FieldRow> fields = new ArrayList<>();
    List<StageRow> stages = new ArrayList<>();
    List<IntentRow> intents = new ArrayList<>();
    if (pack != null) {
      for (LeadField f : pack.leadFields()) {
        fields.add(
            new FieldRow(
                f.key(),
                f.label(),
                f.type().name().toLowerCase(Locale.ROOT),
                String.join(", ", f.options())));
      }
      for (VerticalPack.Stage s : pack.stages()) {
        stages.add(new StageRow(s.key(), s.label(), s.outcome()));
      }
      for (VerticalPack.Intent i : pack.intents()) {
        List<String> signals = new ArrayList<>(i.keywords());
        signals.addAll(i.phrases());
        intents.add(
            new IntentRow(
                i.key(),
                i.label(),
                String.join(", ", signals),
                pack.nextActions().get(i.key()),
                pack.replyTemplates().get(i.key())));
      }
    }
    PackOverrideView override =
        omniFlow
            .packs()
            .override(actor)
            .map(o -> PackOverrideView.of(o, org.packSlug(), zone))
            .orElse(null);
    model.addAttribute("override", override);
    if (!model.containsAttribute("patchText")) {
      model.addAttribute("patchText", override == null ? "" : override.patch());
    }
    model.addAttribute(
        "upgrade", omniFlow.packs().upgrade(actor).map(PackUpgradeView::of).orElse(null));
    model.addAttribute("managePack", Permission.PACK_SELECT.allows(actor.role()));
    model.addAttribute("packChoices", omniFlow.packs().available(actor));
    model.addAttribute("maxPatch", ai.omniflow.pack.PackOverride.MAX_PATCH);
    model.addAttribute("pack", pack);
    model.addAttribute("invalidPlaybooks", InvalidPlaybooks.of(omniFlow, actor));
    model.addAttribute("packVersion", org.packVersion());
    model.addAttribute("fields", fields);
    model.addAttribute("stages", stages);
    model.addAttribute("intents", intents);
    model.addAttribute("ownZone", org.timeZone() == null ? null : org.timeZone().getId());
    model.addAttribute("region", org.defaultRegion());
    model.addAttribute("manage", Permission.ORG_SETTINGS_MANAGE.allows(actor.role()));
    model.addAttribute("zones", ZONES);
    model.addAttribute("errors", errors);
    return "settings-pack";
  }
}
