package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.tenancy.Actor;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The languages a store keeps: a contact's language and whether an agent set it, and the language
 * its lead carries, as written, changed and cleared (decision 0053). Not API: {@link
 * StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class LanguageSuite extends StoreSuite {
  private static Lead lead(Actor a, UUID contact, String language) {
    return openLead(a, contact, null, Channel.WHATSAPP, T0).withLanguage(language, T0);
  }

  private Optional<Lead> findLead(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.leads().find(id));
  }

  @Test
  void aContactsLanguageAndWhoSetItReadBackAsWrittenChangedAndCleared() {
    Actor a = newOrg();
    Contact detected = contact(a, T0).withLanguage("es", false, T0);
    Contact byAgent = contact(a, T0).withLanguage("pt-BR", true, T0);
    Contact unknown = contact(a, T0);
    write(
        a,
        tx -> {
          tx.contacts().insert(detected);
          tx.contacts().insert(byAgent);
          tx.contacts().insert(unknown);
        });
    assertThat(findContact(a, detected.id())).contains(detected);
    assertThat(lockContact(a, byAgent.id())).contains(byAgent);
    assertThat(findContact(a, unknown.id()).map(Contact::language)).isEqualTo(Optional.empty());
    assertThat(listContacts(a, PageRequest.first()).items())
        .containsExactlyInAnyOrder(detected, byAgent, unknown);

    Contact set = detected.withLanguage("es-MX", true, T0.plusSeconds(5));
    Contact cleared = byAgent.withLanguage(null, false, T0.plusSeconds(5));
    write(
        a,
        tx -> {
          tx.contacts().update(set);
          tx.contacts().update(cleared);
        });
    assertThat(findContact(a, detected.id())).contains(set);
    assertThat(findContact(a, byAgent.id())).contains(cleared);
    assertThat(findContact(a, byAgent.id()).orElseThrow().languageSetByAgent()).isFalse();
  }

  @Test
  void aLeadsLanguageReadsBackAsWrittenAndChangesWithAnUpdate() {
    Actor a = newOrg();
    Contact c = contact(a, T0).withLanguage("es", false, T0);
    Lead l = lead(a, c.id(), "es");
    write(
        a,
        tx -> {
          tx.contacts().insert(c);
          tx.leads().insert(l);
        });
    assertThat(findLead(a, l.id())).contains(l);
    assertThat(
            store()
                .inTransaction(a, tx -> tx.leads().list(LeadFilter.ALL, PageRequest.first()))
                .items())
        .containsExactly(l);

    Lead english = l.withLanguage("en-US", T0.plusSeconds(1));
    write(a, tx -> tx.leads().update(english));
    assertThat(findLead(a, l.id())).contains(english);
    Lead unknown = english.withLanguage(null, T0.plusSeconds(2));
    write(a, tx -> tx.leads().update(unknown));
    assertThat(findLead(a, l.id()).map(Lead::language)).isEmpty();
  }
}
