package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The org directory ({@code Store.orgIds()}): every committed org once, never one whose creation
 * rolled back. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class OrgDirectorySuite extends StoreSuite {
  @Test
  void listsEveryOrgIdAndNothingElse() {
    Actor a = newOrg();
    Actor b = newOrg();
    List<UUID> ids = store().orgIds();
    assertThat(ids).contains(a.orgId(), b.orgId()).doesNotHaveDuplicates();
  }

  @Test
  void doesNotListAnOrgWhoseCreationRolledBack() {
    UUID orgId = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        Actor.system(orgId),
                        tx -> {
                          tx.orgs().insert(new Org(orgId, "Doomed", null, null, T0));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(store().orgIds()).doesNotContain(orgId);
  }
}
