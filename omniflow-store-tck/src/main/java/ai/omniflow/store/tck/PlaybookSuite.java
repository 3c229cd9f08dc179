package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.nurture.Fit;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.StoredPlaybook;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The playbook repository: an org's own playbooks read back as written, by key and only in their
 * org, saved again in place, and deleted. Not API: {@link StoreCompatibilityKit} runs it as a
 * nested suite.
 */
abstract class PlaybookSuite extends StoreSuite {
  private static Playbook playbook(String key, String name) {
    return new Playbook(
        key,
        name,
        "Offer a showing, then book it.",
        false,
        List.of(
            new PlaybookStep.Send("offer", "warm_push", Channel.WHATSAPP),
            new PlaybookStep.Wait("a_day", Duration.ofDays(1)),
            new PlaybookStep.Branch(
                "wants", PlaybookStep.Branch.On.INTENT, List.of("showing_request"), "book", null),
            new PlaybookStep.Stop("done"),
            new PlaybookStep.CreateTask("book", TaskKind.SHOWING, "Book it", Duration.ofHours(2))),
        new Fit(List.of("new"), List.of("warm", "hot"), List.of(), Duration.ofDays(2)));
  }

  private Optional<StoredPlaybook> find(Actor a, String key) {
    return store().inTransaction(a, tx -> tx.playbooks().find(key));
  }

  private List<StoredPlaybook> list(Actor a) {
    return store().inTransaction(a, tx -> tx.playbooks().list());
  }

  private boolean delete(Actor a, String key) {
    Boolean deleted =
        store()
            .inTransaction(
                a,
                tx -> {
                  tx.playbooks().lockKey(key);
                  return tx.playbooks().delete(key);
                });
    return deleted;
  }

  @Test
  void aPlaybookReadsBackAsWrittenByKeyAndOnlyInItsOrg() {
    Actor a = newOrg();
    Actor other = newOrg();
    StoredPlaybook push = new StoredPlaybook(a.orgId(), playbook("warm-lead-push", "Push"), T0, T0);
    StoredPlaybook mine = new StoredPlaybook(a.orgId(), playbook("open-house", "Open"), T0, T0);
    write(
        a,
        tx -> {
          tx.playbooks().save(push);
          tx.playbooks().save(mine);
        });

    assertThat(find(a, "warm-lead-push")).contains(push);
    assertThat(list(a)).containsExactly(mine, push);
    assertThat(find(other, "warm-lead-push")).isEmpty();
    assertThat(list(other)).isEmpty();
  }

  @Test
  void savingAPlaybookAgainReplacesItAndKeepsWhenItWasFirstSaved() {
    Actor a = newOrg();
    write(
        a,
        tx ->
            tx.playbooks()
                .save(new StoredPlaybook(a.orgId(), playbook("open-house", "Open"), T0, T0)));
    StoredPlaybook renamed =
        new StoredPlaybook(
            a.orgId(),
            playbook("open-house", "Open house"),
            T0.plusSeconds(60),
            T0.plusSeconds(60));
    write(a, tx -> tx.playbooks().save(renamed));

    StoredPlaybook read = find(a, "open-house").orElseThrow();
    assertThat(read.playbook().name()).isEqualTo("Open house");
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(list(a)).hasSize(1);
  }

  @Test
  void deletingAPlaybookRemovesOnlyTheOrgsAndSaysWhetherThereWasOne() {
    Actor a = newOrg();
    Actor other = newOrg();
    write(
        a,
        tx ->
            tx.playbooks()
                .save(new StoredPlaybook(a.orgId(), playbook("open-house", "Open"), T0, T0)));

    assertThat(delete(other, "open-house")).isFalse();
    assertThat(find(a, "open-house")).isPresent();
    assertThat(delete(a, "open-house")).isTrue();
    assertThat(find(a, "open-house")).isEmpty();
    assertThat(delete(a, "open-house")).isFalse();
  }
}
