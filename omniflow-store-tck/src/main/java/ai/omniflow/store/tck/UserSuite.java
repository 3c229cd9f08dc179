package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.users()
                              .insert(new User(UUID.randomUUID(), existing.email(), "Copycat", T0));
                          return null;
                        }))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT));
  }
}
