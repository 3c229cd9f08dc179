package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.PackOverride;
import ai.omniflow.tenancy.Actor;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pack override repository: an org's override read back as written and only in its org,
 * replaced in place, and deleted. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class PackOverrideSuite extends StoreSuite {
  private static final String PATCH =
      "# Acme's names\nstages:\n  - {key: qualified, label: Pre-qualified}\n"
          + "reply_templates:\n  spam: null\n";

  private Optional<PackOverride> find(Actor a) {
    return store().inTransaction(a, tx -> tx.packOverrides().find());
  }

  private boolean delete(Actor a) {
    Boolean deleted = store().inTransaction(a, tx -> tx.packOverrides().delete());
    return deleted;
  }

  @Test
  void anOverrideReadsBackAsWrittenAndOnlyInItsOrg() {
    Actor a = newOrg();
    Actor other = newOrg();
    PackOverride o = new PackOverride(a.orgId(), "real-estate", PATCH, UUID.randomUUID(), T0);
    write(a, tx -> tx.packOverrides().save(o));

    assertThat(find(a)).contains(o);
    assertThat(find(other)).isEmpty();
  }

  @Test
  void savingAnOverrideAgainReplacesTheOrgsOne() {
    Actor a = newOrg();
    write(
        a,
        tx ->
            tx.packOverrides()
                .save(new PackOverride(a.orgId(), "real-estate", PATCH, UUID.randomUUID(), T0)));
    PackOverride again =
        new PackOverride(
            a.orgId(), "generic", "name: Ours\n", UUID.randomUUID(), T0.plusSeconds(60));
    write(a, tx -> tx.packOverrides().save(again));

    assertThat(find(a)).contains(again);
  }

  @Test
  void deletingAnOverrideRemovesOnlyTheOrgsAndSaysWhetherThereWasOne() {
    Actor a = newOrg();
    Actor other = newOrg();
    PackOverride o = new PackOverride(a.orgId(), "real-estate", PATCH, UUID.randomUUID(), T0);
    write(a, tx -> tx.packOverrides().save(o));

    assertThat(delete(other)).isFalse();
    assertThat(find(a)).contains(o);
    assertThat(delete(a)).isTrue();
    assertThat(find(a)).isEmpty();
    assertThat(delete(a)).isFalse();
  }
}
