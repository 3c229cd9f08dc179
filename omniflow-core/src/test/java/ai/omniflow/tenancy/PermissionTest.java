package ai.omniflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.testing.PropertyCheck;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PermissionTest {

  @Test
  void theMatrixIsAsDocumented() {
    assertThat(Permission.PACK_SELECT.allowedRoles())
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    assertThat(Permission.AUDIT_READ.allowedRoles())
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    assertThat(Permission.MEMBERS_MANAGE.allowedRoles())
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    assertThat(Permission.API_KEYS_MANAGE.allowedRoles())
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    assertThat(Permission.EVENTS_READ.allowedRoles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(Permission.ORG_READ.allowedRoles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(Permission.ORG_SETTINGS_MANAGE.allowedRoles())
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    assertThat(Permission.CONTACTS_READ.allowedRoles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(Permission.CONTACTS_WRITE.allowedRoles())
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Role.VIEWER)));
    assertThat(Permission.CONTACTS_MERGE.allowedRoles())
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Role.VIEWER)));
  }

  @Test
  void aPermissionGrantedToARoleIsGrantedToEveryMorePowerfulRole() {
    for (Permission p : Permission.values()) {
      for (Role lower : Role.values()) {
        for (Role higher : Role.values()) {
          if (higher.isAtLeast(lower) && p.allows(lower)) {
            assertThat(p.allows(higher)).as("%s: %s then %s", p, lower, higher).isTrue();
          }
        }
      }
    }
  }

  @Test
  void aViewerMayNotSelectAPackAndTheErrorSaysWhy() {
    Actor viewer = Actor.of(UUID.randomUUID(), UUID.randomUUID(), Role.VIEWER);
    assertThatThrownBy(() -> Permission.PACK_SELECT.check(viewer))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN);
              assertThat(e.code()).isEqualTo("forbidden");
              assertThat(e.getMessage()).contains("viewer").contains("select");
            });
  }

  @Test
  void cappingARoleNeverRaisesIt() {
    Role[] roles = Role.values();
    PropertyCheck.forAll(
        200,
        r -> new Role[] {roles[r.nextInt(roles.length)], roles[r.nextInt(roles.length)]},
        pair -> {
          Role capped = pair[0].capAt(pair[1]);
          assertThat(pair[1].isAtLeast(capped)).isTrue();
          assertThat(pair[0].isAtLeast(capped)).isTrue();
          assertThat(capped == pair[0] || capped == pair[1]).isTrue();
        });
  }

  @Test
  void rolesParseFromTheirWireNamesAndRefuseOthers() {
    for (Role r : Role.values()) {
      assertThat(Role.parse(r.wireName().toUpperCase())).isEqualTo(r);
    }
    assertThatThrownBy(() -> Role.parse("superuser"))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_role"));
  }
}
