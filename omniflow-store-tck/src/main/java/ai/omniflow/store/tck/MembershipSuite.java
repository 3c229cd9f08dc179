package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The membership repository: one membership per user and org, roles per org, oldest first, and no
 * membership of an unknown user. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class MembershipSuite extends StoreSuite {
  @Test
  void oneUserMayBelongToSeveralOrgsWithDifferentRoles() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID userId = a.userId();
    store()
        .inTransaction(
            b,
            tx -> {
              tx.memberships().insert(new Membership(b.orgId(), userId, Role.VIEWER, T0));
              return null;
            });
    assertThat(
            store()
                .<Optional<Membership>>inTransaction(a, tx -> tx.memberships().find(userId))
                .orElseThrow()
                .role())
        .isEqualTo(Role.OWNER);
    assertThat(
            store()
                .<Optional<Membership>>inTransaction(b, tx -> tx.memberships().find(userId))
                .orElseThrow()
                .role())
        .isEqualTo(Role.VIEWER);
  }

  @Test
  void membershipsAreListedOldestFirstAndCanChangeRole() {
    Actor a = newOrg();
    UUID second = UUID.randomUUID();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.users().insert(user(second));
              tx.memberships()
                  .insert(new Membership(a.orgId(), second, Role.AGENT, T0.plusSeconds(5)));
              tx.memberships()
                  .update(new Membership(a.orgId(), second, Role.MANAGER, T0.plusSeconds(5)));
              return null;
            });
    List<Membership> list = store().inTransaction(a, tx -> tx.memberships().list());
    assertThat(list).extracting(Membership::userId).containsExactly(a.userId(), second);
    assertThat(list.get(1).role()).isEqualTo(Role.MANAGER);
  }

  @Test
  void aSecondMembershipOfTheSameUserConflicts() {
    Actor a = newOrg();
    assertKind(
        () ->
            write(
                a,
                tx -> {
                  tx.memberships().insert(new Membership(a.orgId(), a.userId(), Role.AGENT, T0));
                }),
        OmniFlowException.Kind.CONFLICT);
  }

  @Test
  void aMembershipOfAnUnknownUserIsNotFound() {
    Actor a = newOrg();
    assertKind(
        () ->
            write(
                a,
                tx -> {
                  tx.memberships()
                      .insert(new Membership(a.orgId(), UUID.randomUUID(), Role.AGENT, T0));
                }),
        OmniFlowException.Kind.NOT_FOUND);
  }

  // ---------------------------------------------------------- members API (issue 9)

  @Test
  void aMembershipIsDeletedOnlyInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID userId = UUID.randomUUID();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.users().insert(user(userId));
              tx.memberships().insert(new Membership(a.orgId(), userId, Role.AGENT, T0));
              return null;
            });
    assertThat(store().<Boolean>inTransaction(b, tx -> tx.memberships().delete(userId))).isFalse();
    assertThat(store().<Optional<Membership>>inTransaction(a, tx -> tx.memberships().find(userId)))
        .isPresent();
    assertThat(store().<Boolean>inTransaction(a, tx -> tx.memberships().delete(userId))).isTrue();
    assertThat(store().<Optional<Membership>>inTransaction(a, tx -> tx.memberships().find(userId)))
        .isEmpty();
    assertThat(store().<Boolean>inTransaction(a, tx -> tx.memberships().delete(userId))).isFalse();
  }
}
