package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contact repository: contacts and their identities, one identity per kind and value in an org,
 * conflicts that leave the transaction usable. Not API: {@link StoreCompatibilityKit} runs it as a
 * nested suite.
 */
abstract class ContactSuite extends StoreSuite {
  @Test
  void contactsAreFoundUpdatedAndListedOldestFirstWithoutThoseMergedAway() {
    Actor a = newOrg();
    Contact later = contact(a, T0.plusSeconds(10));
    Contact earlier = contact(a, T0);
    Contact merged = contact(a, T0.plusSeconds(5));
    Contact unnamed =
        new Contact(
            UUID.randomUUID(), a.orgId(), null, T0.plusSeconds(20), T0.plusSeconds(20), null);
    write(
        a,
        tx -> {
          tx.contacts().insert(later);
          tx.contacts().insert(earlier);
          tx.contacts().insert(merged);
          tx.contacts().insert(unnamed);
          tx.contacts().update(merged.mergedInto(earlier.id(), T0.plusSeconds(30)));
        });
    assertThat(findContact(a, merged.id()))
        .contains(merged.mergedInto(earlier.id(), T0.plusSeconds(30)));
    assertThat(lockContact(a, unnamed.id())).contains(unnamed);
    Page<Contact> all = listContacts(a, PageRequest.first());
    assertThat(all.items()).containsExactly(earlier, later, unnamed);
    assertThat(all.total()).isEqualTo(3);
    Page<Contact> second = listContacts(a, PageRequest.of(1, 1));
    assertThat(second.items()).containsExactly(later);
    assertThat(second.total()).isEqualTo(3);

    Contact renamed = later.withDisplayName("Ana Lima", T0.plusSeconds(40));
    write(a, tx -> tx.contacts().update(renamed));
    assertThat(findContact(a, later.id())).contains(renamed);
  }

  @Test
  void aContactIdTwiceConflictsAndUpdatingAMissingOneIsNotFound() {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    write(a, tx -> tx.contacts().insert(c));
    assertKind(
        () -> write(a, tx -> tx.contacts().insert(c)),
        OmniFlowException.Kind.CONFLICT,
        "contact_exists");
    assertKind(
        () -> write(a, tx -> tx.contacts().update(contact(a, T0))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
  }

  @Test
  void identitiesOfManyValuesAreFoundInOneReadOfTheirKindAndOrgOnly() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact ana = contact(a, T0);
    Identity phone = identity(a, ana.id(), IdentityKind.PHONE, "+14155550123", T0);
    Identity email = identity(a, ana.id(), IdentityKind.EMAIL, "+14155550124", T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.contacts().insertIdentity(phone);
          tx.contacts().insertIdentity(email);
        });
    List<String> values = List.of("+14155550123", "+14155550124", "+14155550125");
    assertThat(
            this.<List<Identity>>in(
                a, tx -> tx.contacts().findIdentities(IdentityKind.PHONE, values)))
        .containsExactly(phone);
    assertThat(
            this.<List<Identity>>in(
                a, tx -> tx.contacts().findIdentities(IdentityKind.PHONE, List.of())))
        .isEmpty();
    assertThat(
            this.<List<Identity>>in(
                b, tx -> tx.contacts().findIdentities(IdentityKind.PHONE, values)))
        .as("another org's")
        .isEmpty();
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= ContactRepository.MAX_IDENTITY_VALUES; i++) {
      tooMany.add("+1415555" + (1000 + i));
    }
    assertThatThrownBy(() -> in(a, tx -> tx.contacts().findIdentities(IdentityKind.PHONE, tooMany)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStrictTransactionReadsTheIdentitiesAndTouchpointsItWroteAndFailsOnOneOfAMissingContact() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Identity phone = identity(a, ana.id(), IdentityKind.PHONE, "+14155550130", T0);
    Touchpoint tp =
        new Touchpoint(
            UUID.randomUUID(), a.orgId(), ana.id(), Channel.SMS, "c1", null, null, T0, null, null);
    List<Object> seen =
        store()
            .inStrictTransaction(
                a,
                tx -> {
                  tx.contacts().insert(ana);
                  tx.contacts().insertIdentity(phone);
                  tx.inbox().insertTouchpoint(tp);
                  return List.of(
                      tx.contacts().findIdentity(IdentityKind.PHONE, "+14155550130"),
                      tx.contacts().identities(ana.id()),
                      tx.inbox().touchpoints(ana.id()));
                });
    assertThat(seen).containsExactly(Optional.of(phone), List.of(phone), List.of(tp));

    Touchpoint orphan =
        new Touchpoint(
            UUID.randomUUID(),
            a.orgId(),
            UUID.randomUUID(),
            Channel.SMS,
            null,
            null,
            null,
            T0,
            null,
            null);
    Identity other = identity(a, ana.id(), IdentityKind.EMAIL, "ana@example.com", T0);
    assertKind(
        () ->
            store()
                .inStrictTransaction(
                    a,
                    tx -> {
                      tx.contacts().insertIdentity(other);
                      tx.inbox().insertTouchpoint(orphan);
                      return null;
                    }),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThat(findIdentity(a, IdentityKind.EMAIL, "ana@example.com"))
        .as("nothing of the failed transaction")
        .isEmpty();
  }

  @Test
  void identitiesAreFoundByKindAndValueListedOldestFirstAndMoved() {
    Actor a = newOrg();
    Contact ana = contact(a, T0);
    Contact other = contact(a, T0);
    Identity email =
        identity(a, ana.id(), IdentityKind.EMAIL, "ana@example.com", T0.plusSeconds(2));
    Identity phone = identity(a, ana.id(), IdentityKind.PHONE, "+14155550123", T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(ana);
          tx.contacts().insert(other);
          tx.contacts().insertIdentity(email);
          tx.contacts().insertIdentity(phone);
        });
    assertThat(findIdentity(a, IdentityKind.PHONE, "+14155550123")).contains(phone);
    assertThat(findIdentity(a, IdentityKind.EMAIL, "+14155550123")).isEmpty();
    assertThat(identitiesOf(a, ana.id())).containsExactly(phone, email);

    Identity moved = phone.movedTo(other.id()).seenAt(T0.plusSeconds(60));
    write(a, tx -> tx.contacts().updateIdentity(moved));
    assertThat(identitiesOf(a, ana.id())).containsExactly(email);
    assertThat(identitiesOf(a, other.id())).containsExactly(moved);
    assertThat(moved.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(moved.firstSeenAt()).isEqualTo(T0);
  }

  @Test
  void theSameKindAndValueTwiceInOneOrgConflictsWhileAnotherKindOrOrgMayHoldIt() {
    Actor a = newOrg();
    Contact first = contact(a, T0);
    Contact second = contact(a, T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(first);
          tx.contacts().insert(second);
          tx.contacts()
              .insertIdentity(identity(a, first.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0));
        });
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.contacts()
                        .insertIdentity(
                            identity(a, second.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0))),
        OmniFlowException.Kind.CONFLICT,
        "identity_exists");
    write(
        a,
        tx ->
            tx.contacts()
                .insertIdentity(
                    identity(a, second.id(), IdentityKind.MESSENGER_PSID, "14155550123", T0)));
    Actor b = newOrg();
    Contact theirs = contact(b, T0);
    write(
        b,
        tx -> {
          tx.contacts().insert(theirs);
          tx.contacts()
              .insertIdentity(
                  identity(b, theirs.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0));
        });
  }

  @Test
  void aConflictingIdentityLeavesTheTransactionUsable() {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.contacts()
              .insertIdentity(identity(a, c.id(), IdentityKind.EMAIL, "x@example.com", T0));
        });
    Identity other = identity(a, c.id(), IdentityKind.EMAIL, "y@example.com", T0);
    write(
        a,
        tx -> {
          assertThatThrownBy(
                  () ->
                      tx.contacts()
                          .insertIdentity(
                              identity(a, c.id(), IdentityKind.EMAIL, "x@example.com", T0)))
              .isInstanceOf(OmniFlowException.class);
          tx.contacts().insertIdentity(other);
        });
    assertThat(findIdentity(a, IdentityKind.EMAIL, "y@example.com")).contains(other);
  }

  @Test
  void anIdentityOfAContactTheOrgDoesNotHaveIsNotFound() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact theirs = contact(b, T0);
    write(b, tx -> tx.contacts().insert(theirs));
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.contacts()
                        .insertIdentity(
                            identity(
                                a, UUID.randomUUID(), IdentityKind.EMAIL, "m@example.com", T0))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.contacts()
                        .insertIdentity(
                            identity(a, theirs.id(), IdentityKind.EMAIL, "m@example.com", T0))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    assertThat(findIdentity(a, IdentityKind.EMAIL, "m@example.com")).isEmpty();
  }

  @Test
  void areInvisibleToAndCannotBeChangedByAnotherOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact c = contact(a, T0);
    Identity i = identity(a, c.id(), IdentityKind.PHONE, "+442079460018", T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.contacts().insertIdentity(i);
        });
    write(
        b,
        tx -> {
          assertThat(tx.contacts().find(c.id())).isEmpty();
          assertThat(tx.contacts().lock(c.id())).isEmpty();
          assertThat(tx.contacts().list(PageRequest.first()).total()).isZero();
          assertThat(tx.contacts().findIdentity(IdentityKind.PHONE, "+442079460018")).isEmpty();
          assertThat(tx.contacts().identities(c.id())).isEmpty();
        });
    assertThatThrownBy(() -> write(b, tx -> tx.contacts().update(c)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> write(b, tx -> tx.contacts().insertIdentity(i)))
        .isInstanceOf(IllegalArgumentException.class);
    // Forged as b's own rows, a's ids still name nothing b has.
    Contact forged = new Contact(c.id(), b.orgId(), "Forged", T0, T0, null);
    assertKind(
        () -> write(b, tx -> tx.contacts().update(forged)),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    Identity forgedIdentity =
        new Identity(i.id(), b.orgId(), c.id(), i.kind(), "x", i.normalizedValue(), T0, T0);
    assertKind(
        () -> write(b, tx -> tx.contacts().updateIdentity(forgedIdentity)),
        OmniFlowException.Kind.NOT_FOUND);
    assertThat(findContact(a, c.id())).contains(c);
    assertThat(identitiesOf(a, c.id())).containsExactly(i);
  }

  @Test
  void leaveNothingBehindWhenTheWorkThrows() {
    Actor a = newOrg();
    Contact kept = contact(a, T0);
    Identity keptIdentity = identity(a, kept.id(), IdentityKind.EMAIL, "kept@example.com", T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(kept);
          tx.contacts().insertIdentity(keptIdentity);
        });
    Contact doomed = contact(a, T0.plusSeconds(1));
    assertThatThrownBy(
            () ->
                write(
                    a,
                    tx -> {
                      tx.contacts().insert(doomed);
                      tx.contacts()
                          .insertIdentity(
                              identity(a, doomed.id(), IdentityKind.PHONE, "+14155550123", T0));
                      tx.contacts().updateIdentity(keptIdentity.movedTo(doomed.id()));
                      tx.contacts().update(kept.mergedInto(doomed.id(), T0.plusSeconds(2)));
                      tx.contactMerges()
                          .insert(
                              new ContactMerge(
                                  UUID.randomUUID(),
                                  a.orgId(),
                                  doomed.id(),
                                  kept.id(),
                                  List.of(keptIdentity.id()),
                                  "doomed",
                                  false,
                                  T0,
                                  a.userId(),
                                  null));
                      throw new Boom();
                    }))
        .isInstanceOf(Boom.class);
    assertThat(findContact(a, doomed.id())).isEmpty();
    assertThat(findContact(a, kept.id())).contains(kept);
    assertThat(identitiesOf(a, kept.id())).containsExactly(keptIdentity);
    assertThat(findIdentity(a, IdentityKind.PHONE, "+14155550123")).isEmpty();
    assertThat(mergesOf(a, kept.id())).isEmpty();
  }
}
