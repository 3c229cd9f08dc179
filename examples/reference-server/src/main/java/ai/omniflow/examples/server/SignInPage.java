package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. While dev-auth is on it lists the dev org's members, one button each; it always
 * offers sign-in with an API key. Spring Security's form login takes the post ({@link
 * PageSecurity}).
 */
@Controller
final class SignInPage {
  private final OmniFlow omniFlow;
  private final boolean devAuth;

  SignInPage(OmniFlow omniFlow, ServerSettings settings) {
    this.omniFlow = omniFlow;
    this.devAuth = settings.devAuthEnabled();
  }

  /** A member of the dev org to sign in as. */
  record DevMember(String userId, String name, String role) {}

  @GetMapping("/signin")
  String signIn(Model model) {
    List<DevMember> members = new ArrayList<>();
    if (devAuth && omniFlow.tenancy().findOrg(DevSeed.ORG_ID).isPresent()) {
      Actor system = Actor.of(DevSeed.ORG_ID, DevSeed.USER_ID, Role.OWNER).withRequestId("signin");
      for (Membership m : omniFlow.tenancy().members(system)) {
        members.add(
            new DevMember(
                m.userId().toString(),
                omniFlow.tenancy().user(system, m.userId()).displayName(),
                m.role().wireName()));
      }
    }
    model.addAttribute("devAuth", devAuth);
    model.addAttribute("devMembers", members);
    return "signin";
  }
}
