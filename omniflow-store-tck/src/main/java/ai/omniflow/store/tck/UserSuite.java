package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The user repository: a user is visible to an org only through a membership, and an e-mail is
 * taken once. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class UserSuite extends StoreSuite {
  @Test
  void aUserIsVisibleToAnOrgOnlyThroughAMembership() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID userId = UUID.randomUUID();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.users().insert(user(userId));
              assertThat(tx.users().find(userId)).isEmpty();
              tx.memberships().insert(new Membership(a.orgId(), userId, Role.AGENT, T0));
              assertThat(tx.users().find(userId)).contains(user(userId));
              return null;
            });
    assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(userId))).isEmpty();
    assertThat(store().<Optional<Membership>>inTransaction(b, tx -> tx.memberships().find(userId)))
        .isEmpty();
  }

  @Test
  void aTakenEmailConflicts() {
    Actor a = newOrg();
    User existing = user(a.userId());
    assertKind(
        () ->
            write(
                a,
                tx -> {
                  tx.users().insert(new User(UUID.randomUUID(), existing.email(), "Copycat", T0));
                }),
        OmniFlowException.Kind.CONFLICT);
  }

  // ---------------------------------------------------------- org-scoped users (issue 9)

  @Test
  void anEmailAnotherOrgUsesCanBeAddedWithoutRevealingItButNotTwiceInOneOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    String email = "shared-" + UUID.randomUUID() + "@example.test";
    User inA = new User(UUID.randomUUID(), email, "Ana in A", T0);
    User inB = new User(UUID.randomUUID(), email, "Ana in B", T0);
    write(
        a,
        tx -> {
          tx.users().insert(inA);
          tx.memberships().insert(new Membership(a.orgId(), inA.id(), Role.AGENT, T0));
        });
    write(
        b,
        tx -> {
          tx.users().insert(inB);
          tx.memberships().insert(new Membership(b.orgId(), inB.id(), Role.AGENT, T0));
        });
    assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(inA.id()))).isEmpty();
    assertThat(store().<Optional<User>>inTransaction(a, tx -> tx.users().find(inA.id())))
        .contains(inA);
    assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(inB.id())))
        .contains(inB);
    assertKind(
        () -> write(b, tx -> tx.users().insert(new User(UUID.randomUUID(), email, "Dup", T0))),
        OmniFlowException.Kind.CONFLICT,
        "user_exists");
  }
}
