package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.tenancy.Actor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The accepted pack repository: the pack version an org accepted, read back as written (its whole
 * text) and only in its org, and replaced in place. Not API: {@link StoreCompatibilityKit} runs it
 * as a nested suite.
 */
abstract class AcceptedPackSuite extends StoreSuite {
  private static final String TEXT =
      "{\"slug\":\"real-estate\",\"version\":\"1.6.2\",\"name\":\"Real estate\",\"note\":\"é ✓\"}";

  private Optional<AcceptedPack> find(Actor a) {
    return store().inTransaction(a, tx -> tx.acceptedPacks().find());
  }

  @Test
  void anAcceptedPackReadsBackAsWrittenAndOnlyInItsOrg() {
    Actor a = newOrg();
    Actor other = newOrg();
    AcceptedPack kept = new AcceptedPack(a.orgId(), "real-estate", "1.6.2", TEXT, T0);
    write(a, tx -> tx.acceptedPacks().save(kept));

    assertThat(find(a)).contains(kept);
    assertThat(find(other)).isEmpty();
  }

  @Test
  void acceptingAnotherVersionReplacesTheOrgsAcceptedPack() {
    Actor a = newOrg();
    write(
        a,
        tx ->
            tx.acceptedPacks().save(new AcceptedPack(a.orgId(), "real-estate", "1.6.2", TEXT, T0)));
    AcceptedPack newer =
        new AcceptedPack(
            a.orgId(), "real-estate", "1.7.0", TEXT.replace("1.6.2", "1.7.0"), T0.plusSeconds(60));
    write(a, tx -> tx.acceptedPacks().save(newer));

    assertThat(find(a)).contains(newer);
  }

  private void runs(Actor a, String version) {
    write(
        a,
        tx -> tx.orgs().update(tx.orgs().current().orElseThrow().withPack("real-estate", version)));
  }

  private boolean keep(Actor a, AcceptedPack p) {
    return store().inTransaction(a, tx -> tx.acceptedPacks().keepIfMissing(p));
  }

  @Test
  void keepingTheVersionAnOrgRunsWritesItOnceAndLeavesAKeptTextOfThatVersionAlone() {
    Actor a = newOrg();
    runs(a, "1.6.2");
    AcceptedPack first = new AcceptedPack(a.orgId(), "real-estate", "1.6.2", TEXT, T0);

    assertThat(keep(a, first)).isTrue();
    assertThat(keep(a, first)).isFalse();
    AcceptedPack other =
        new AcceptedPack(a.orgId(), "real-estate", "1.6.2", TEXT + " ", T0.plusSeconds(1));
    assertThat(keep(a, other)).isFalse();
    assertThat(find(a)).contains(first);
  }

  @Test
  void keepingWritesNothingForAVersionTheOrgDoesNotRunAndReplacesAStaleOne() {
    Actor a = newOrg();
    AcceptedPack v162 = new AcceptedPack(a.orgId(), "real-estate", "1.6.2", TEXT, T0);
    assertThat(keep(a, v162)).isFalse(); // no pack selected
    runs(a, "1.7.0");
    assertThat(keep(a, v162)).isFalse();
    assertThat(find(a)).isEmpty();
    write(a, tx -> tx.acceptedPacks().save(v162)); // stale: the org runs 1.7.0
    AcceptedPack v170 =
        new AcceptedPack(a.orgId(), "real-estate", "1.7.0", TEXT.replace("1.6.2", "1.7.0"), T0);

    assertThat(keep(a, v170)).isTrue();
    assertThat(find(a)).contains(v170);
  }
}
