package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.ConsentChange;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ConsentSource;
import ai.omniflow.contacts.Contact;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The consent repository: an append-only ledger per contact, read newest first with ties in the
 * order of appending, only in its org. Not API: {@link StoreCompatibilityKit} runs it as a nested
 * suite.
 */
abstract class ConsentSuite extends StoreSuite {
  private static ConsentEntry entry(
      Actor a, UUID contact, @Nullable Channel channel, ConsentChange change, Instant at) {
    return new ConsentEntry(
        UUID.randomUUID(),
        a.orgId(),
        contact,
        channel,
        change,
        ConsentSource.INBOUND_KEYWORD,
        change == ConsentChange.OPTED_OUT ? "STOP" : "START",
        UUID.randomUUID(),
        null,
        at);
  }

  private List<ConsentEntry> newest(Actor a, UUID contact, int limit) {
    return store().inTransaction(a, tx -> tx.consents().newest(contact, limit));
  }

  @Test
  void entriesReadBackNewestFirstWithTiesInTheOrderTheyWereAppended() {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    ConsentEntry stop = entry(a, c.id(), Channel.SMS, ConsentChange.OPTED_OUT, T0.plusSeconds(1));
    ConsentEntry all = entry(a, c.id(), null, ConsentChange.OPTED_OUT, T0.plusSeconds(2));
    ConsentEntry start =
        new ConsentEntry(
            UUID.randomUUID(),
            a.orgId(),
            c.id(),
            Channel.WHATSAPP,
            ConsentChange.OPTED_IN,
            ConsentSource.AGENT,
            null,
            null,
            a.userId(),
            T0.plusSeconds(2));
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.consents().append(stop);
          tx.consents().append(all);
          tx.consents().append(start);
        });
    assertThat(newest(a, c.id(), 10)).containsExactly(start, all, stop);
    assertThat(newest(a, c.id(), 1)).containsExactly(start);
  }

  @Test
  void anotherOrgSeesNoEntryAndCannotAppendToItsContact() {
    Actor a = newOrg();
    Actor b = newOrg();
    Contact c = contact(a, T0);
    ConsentEntry stop = entry(a, c.id(), Channel.SMS, ConsentChange.OPTED_OUT, T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.consents().append(stop);
        });
    assertThat(newest(b, c.id(), 10)).isEmpty();
    ConsentEntry forged = entry(b, c.id(), null, ConsentChange.OPTED_IN, T0.plusSeconds(1));
    assertThatThrownBy(() -> write(b, tx -> tx.consents().append(forged)))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    assertThatThrownBy(() -> write(a, tx -> tx.consents().append(forged)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(newest(a, c.id(), 10)).containsExactly(stop);
  }

  @Test
  void anAppendRolledBackLeavesNoEntry() {
    Actor a = newOrg();
    Contact c = contact(a, T0);
    write(a, tx -> tx.contacts().insert(c));
    assertThatThrownBy(
            () ->
                write(
                    a,
                    tx -> {
                      tx.consents()
                          .append(entry(a, c.id(), Channel.SMS, ConsentChange.OPTED_OUT, T0));
                      throw new Boom();
                    }))
        .isInstanceOf(Boom.class);
    assertThat(newest(a, c.id(), 10)).isEmpty();
    assertThatThrownBy(() -> newest(a, c.id(), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
