package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs a person in to the pages through Spring Security's form login ({@link PageSecurity}): with
 * an API key in {@code api_key} (the key's member and role, as {@code Authorization: Bearer}
 * gives), or, only while dev-auth is on, by picking a member of the dev org in {@code user} without
 * a key. Every refusal is the same "bad credentials", whatever the reason.
 */
@Component
final class SignInProvider implements AuthenticationProvider {
  private final OmniFlow omniFlow;
  private final boolean devAuth;

  SignInProvider(OmniFlow omniFlow, ServerSettings settings) {
    this.omniFlow = omniFlow;
    this.devAuth = settings.devAuthEnabled();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName() == null ? "" : authentication.getName().strip();
    Object credentials = authentication.getCredentials();
    String key = credentials == null ? "" : credentials.toString().strip();
    Actor actor;
    try {
      if (!key.isEmpty()) {
        actor = omniFlow.apiKeys().authenticate(key, null);
      } else if (devAuth && user.length() == 36) {
        actor = omniFlow.authenticator().resolve(DevSeed.ORG_ID, UUID.fromString(user), null, null);
      } else {
        throw new BadCredentialsException("No API key given.");
      }
    } catch (OmniFlowException | IllegalArgumentException e) {
      throw new BadCredentialsException("Sign-in refused.");
    }
    String name = omniFlow.tenancy().user(actor, actor.userId()).displayName();
    SignedIn who = new SignedIn(actor.orgId(), actor.userId(), actor.role(), name);
    return UsernamePasswordAuthenticationToken.authenticated(
        who, null, List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
