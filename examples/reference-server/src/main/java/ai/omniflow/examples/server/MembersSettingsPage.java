package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/members}: the org's members with their roles, and its API keys. Owners and
 * admins ({@link Permission#MEMBERS_MANAGE}) add members, change roles and remove members, within
 * {@code TenancyService}'s rules (nobody grants or acts on a role above their own; the last owner
 * stays), and issue and revoke API keys ({@link Permission#API_KEYS_MANAGE}); everyone else reads
 * the members. The forms go through {@link MembersApi} and {@link Api}'s own methods; a refused
 * value is shown next to its field ({@link FormErrors}).
 */
@Controller
final class MembersSettingsPage {
  private static final Set<String> MEMBER_FIELDS = Set.of("email", "name", "role");
  private static final Set<String> KEY_FIELDS = Set.of("user_id", "name");

  /** The longest typed value an add form shows again after a refusal: an e-mail's bound. */
  private static final int KEPT_CHARACTERS = 320;

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final MembersApi membersApi;
  private final Api api;

  MembersSettingsPage(OmniFlow omniFlow, Pages pages, MembersApi membersApi, Api api) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.membersApi = membersApi;
    this.api = api;
  }

  /** A member as the page shows them. */
  record MemberRow(
      String userId, String name, String email, String role, String since, boolean you) {}

  /** An API key as the page shows it: never its secret. */
  record KeyRow(
      String id,
      String name,
      String member,
      String prefix,
      String issued,
      @Nullable String revoked) {}

  @GetMapping("/settings/members")
  String members(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    return show(actor, who, model, Map.of(), Map.of());
  }

  /** Adds a member with an e-mail, a name and a role at most the caller's. */
  @PostMapping("/ui/settings/members")
  String add(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String email,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String role,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.MEMBERS_MANAGE.check(actor);
    try {
      MembersApi.MemberView added =
          membersApi
              .add(actor, new MembersApi.AddMember(email, name, InboxApi.blank(role)))
              .getBody();
      if (added != null) {
        flash.addFlashAttribute("notice", added.name() + " added as " + added.role() + ".");
      }
      return "redirect:/settings/members";
    } catch (OmniFlowException e) {
      Map<String, @Nullable String> submitted = new LinkedHashMap<>();
      submitted.put("email", email);
      submitted.put("name", name);
      submitted.put("role", role);
      return refused(e, actor, who, model, response, "new-member", MEMBER_FIELDS, submitted);
    }
  }

  @PostMapping("/ui/settings/members/{userId}/role")
  String changeRole(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String userId,
      @RequestParam(required = false) @Nullable String role,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.MEMBERS_MANAGE.check(actor);
    UUID id = InboxApi.notFoundUnlessUuid(userId, "The member");
    try {
      MembersApi.MemberView changed =
          membersApi.changeRole(
              actor, id.toString(), new MembersApi.ChangeRole(InboxApi.blank(role)));
      flash.addFlashAttribute("notice", changed.name() + " is now " + changed.role() + ".");
      return "redirect:/settings/members";
    } catch (OmniFlowException e) {
      return refused(e, actor, who, model, response, "member-" + id, Set.of("role"), Map.of());
    }
  }

  @PostMapping("/ui/settings/members/{userId}/remove")
  String remove(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String userId,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.MEMBERS_MANAGE.check(actor);
    UUID id = InboxApi.notFoundUnlessUuid(userId, "The member");
    try {
      String name = omniFlow.tenancy().user(actor, id).displayName();
      membersApi.remove(actor, id.toString());
      flash.addFlashAttribute("notice", name + " removed.");
      return "redirect:/settings/members";
    } catch (OmniFlowException e) {
      return refused(e, actor, who, model, response, "member-" + id, Set.of(), Map.of());
    }
  }

  /** Issues an API key for a member; the token is shown this once. */
  @PostMapping("/ui/settings/api-keys")
  String issueKey(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "user_id", required = false) @Nullable String userId,
      @RequestParam(required = false) @Nullable String name,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.API_KEYS_MANAGE.check(actor);
    try {
      Api.IssuedKeyView issued = api.issueKey(actor, new Api.IssueKey(userId, name)).getBody();
      if (issued != null) {
        flash.addFlashAttribute("issuedToken", issued.token());
        flash.addFlashAttribute("issuedName", issued.name());
      }
      return "redirect:/settings/members#api-keys";
    } catch (OmniFlowException e) {
      Map<String, @Nullable String> submitted = new LinkedHashMap<>();
      submitted.put("user_id", userId);
      submitted.put("name", name);
      return refused(e, actor, who, model, response, "new-key", KEY_FIELDS, submitted);
    }
  }

  @PostMapping("/ui/settings/api-keys/{id}/revoke")
  String revokeKey(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.API_KEYS_MANAGE.check(actor);
    Api.KeyView revoked = api.revokeKey(actor, id);
    flash.addFlashAttribute("notice", "The key " + revoked.name() + " is revoked.");
    return "redirect:/settings/members#api-keys";
  }

  private String refused(
      OmniFlowException e,
      Actor actor,
      SignedIn who,
      Model model,
      HttpServletResponse response,
      String form,
      Set<String> fields,
      Map<String, @Nullable String> submitted) {
    if (!FormErrors.inForm(e)) {
      throw e;
    }
    response.setStatus(e.kind().httpStatus());
    Map<String, String> errors = FormErrors.of(e, form, fields);
    return show(
        actor, who, model, errors, FormErrors.kept(errors, form, submitted, KEPT_CHARACTERS));
  }

  private String show(
      Actor actor,
      SignedIn who,
      Model model,
      Map<String, String> errors,
      Map<String, String> typed) {
    Pages.Zone zone = pages.frame(actor, who, "settings-members", model);
    boolean manage = Permission.MEMBERS_MANAGE.allows(actor.role());
    Map<UUID, String> names = new LinkedHashMap<>();
    List<MemberRow> rows = new ArrayList<>();
    for (Membership m : omniFlow.tenancy().members(actor)) {
      User u = omniFlow.tenancy().user(actor, m.userId());
      names.put(m.userId(), u.displayName());
      rows.add(
          new MemberRow(
              m.userId().toString(),
              u.displayName(),
              u.email(),
              m.role().wireName(),
              zone.show(m.createdAt()),
              m.userId().equals(actor.userId())));
    }
    List<String> grantable = new ArrayList<>();
    for (Role r : Role.values()) {
      if (actor.role().isAtLeast(r)) {
        grantable.add(r.wireName());
      }
    }
    boolean manageKeys = Permission.API_KEYS_MANAGE.allows(actor.role());
    List<KeyRow> keys = new ArrayList<>();
    if (manageKeys) {
      for (ApiKey k : omniFlow.apiKeys().list(actor)) {
        keys.add(
            new KeyRow(
                k.id().toString(),
                k.name(),
                names.getOrDefault(k.userId(), "a former member"),
                k.prefix(),
                zone.show(k.createdAt()),
                k.revokedAt() == null ? null : zone.show(k.revokedAt())));
      }
    }
    model.addAttribute("manage", manage);
    model.addAttribute("manageKeys", manageKeys);
    model.addAttribute("members", rows);
    model.addAttribute("memberNames", names);
    model.addAttribute("myRole", actor.role().wireName());
    model.addAttribute("grantable", grantable);
    model.addAttribute("keys", keys);
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    return "settings-members";
  }
}
