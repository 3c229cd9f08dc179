package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import java.util.Locale;

/**
 * What a membership lets a user do in an org, from most to least powerful. What each role may do is
 * decided in one place, {@link Permission}.
 */
public enum Role {
  OWNER,
  ADMIN,
  MANAGER,
  AGENT,
  VIEWER;

  /** The role's name on the wire and in the database: {@code owner}, {@code admin}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role is at least as powerful as {@code other}. */
  public boolean isAtLeast(Role other) {
    return ordinal() <= other.ordinal();
  }

  /** The less powerful of this role and {@code other}. */
  public Role capAt(Role other) {
    return isAtLeast(other) ? other : this;
  }

  /**
   * Parses a wire name, ignoring case.
   *
   * @throws OmniFlowException {@code invalid_role} if the name is no role
   */
  public static Role parse(String wireName) {
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(wireName.trim())) {
        return role;
      }
    }
    throw OmniFlowException.invalidInput(
        TenancyErrors.INVALID_ROLE, "role must be owner, admin, manager, agent or viewer.");
  }
}
