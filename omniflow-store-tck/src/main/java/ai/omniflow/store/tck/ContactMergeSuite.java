package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contact merge repository: merges keep the identities they moved in order and are undone
 * exactly once, only in their org. Not API: {@link StoreCompatibilityKit} runs it as a nested
 * suite.
 */
abstract class ContactMergeSuite extends StoreSuite {
  @Test
  void keepTheMovedIdentitiesInOrderAndAreUndoneExactlyOnce() {
    Actor a = newOrg();
    Contact survivor = contact(a, T0);
    Contact merged = contact(a, T0.plusSeconds(1));
    List<UUID> moved = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    ContactMerge byAgent =
        new ContactMerge(
            UUID.randomUUID(),
            a.orgId(),
            survivor.id(),
            merged.id(),
            moved,
            "same person",
            false,
            T0.plusSeconds(5),
            a.userId(),
            null);
    ContactMerge automatic =
        new ContactMerge(
            UUID.randomUUID(),
            a.orgId(),
            merged.id(),
            survivor.id(),
            List.of(),
            null,
            true,
            T0.plusSeconds(9),
            null,
            null);
    write(
        a,
        tx -> {
          tx.contacts().insert(survivor);
          tx.contacts().insert(merged);
          tx.contactMerges().insert(automatic);
          tx.contactMerges().insert(byAgent);
        });
    assertThat(findMerge(a, byAgent.id())).contains(byAgent);
    assertThat(findMerge(a, automatic.id())).contains(automatic);
    assertThat(mergesOf(a, merged.id())).containsExactly(byAgent, automatic);
    Instant at = T0.plusSeconds(60);
    assertThat(markUndone(a, byAgent.id(), at)).isTrue();
    assertThat(markUndone(a, byAgent.id(), at.plusSeconds(1))).isFalse();
    assertThat(findMerge(a, byAgent.id())).contains(byAgent.undoneAt(at));
    assertThat(markUndone(a, UUID.randomUUID(), at)).isFalse();
  }

  @Test
  void ofAContactTheOrgDoesNotHaveAreNotFound() {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    write(a, tx -> tx.contacts().insert(c));
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.contactMerges()
                        .insert(
                            new ContactMerge(
                                UUID.randomUUID(),
                                a.orgId(),
                                c.id(),
                                UUID.randomUUID(),
                                List.of(),
                                null,
                                false,
                                T0,
                                null,
                                null))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
  }

  @Test
  void areInvisibleToAndCannotBeUndoneByAnotherOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact s = contact(a, T0);
    Contact m = contact(a, T0);
    ContactMerge merge =
        new ContactMerge(
            UUID.randomUUID(), a.orgId(), s.id(), m.id(), List.of(), null, false, T0, null, null);
    write(
        a,
        tx -> {
          tx.contacts().insert(s);
          tx.contacts().insert(m);
          tx.contactMerges().insert(merge);
        });
    write(
        b,
        tx -> {
          assertThat(tx.contactMerges().find(merge.id())).isEmpty();
          assertThat(tx.contactMerges().listFor(s.id())).isEmpty();
          assertThat(tx.contactMerges().markUndone(merge.id(), T0)).isFalse();
        });
    assertThatThrownBy(() -> write(b, tx -> tx.contactMerges().insert(merge)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(findMerge(a, merge.id())).contains(merge);
  }
}
