package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.ContactConsent;
import ai.omniflow.contacts.Identity;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.tenancy.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The inbox's contact panel beside an open thread: the contact's identities (a handle per channel
 * or kind: phone, e-mail, Instagram, Messenger, WhatsApp), oldest first, with when each was last
 * seen, and where the contact's consent stands on each channel as the consent ledger has it ({@code
 * omniFlow.contacts().identities} and {@code omniFlow.inbox().consent}, as {@code GET
 * /contacts/{id}} and {@code GET /contacts/{id}/consent}). The thread's channel is always listed;
 * another channel only once the ledger says something of it. This class only adapts.
 *
 * @param identities the contact's identities
 * @param consent the consent of the thread's channel and of every channel the ledger names
 */
record InboxContactPanel(List<IdentityRow> identities, List<ConsentRow> consent) {

  /** An identity: its kind ({@code phone}, {@code instagram_id}, ...) and handle. */
  record IdentityRow(String kind, String handle, String lastSeen, String lastSeenIso) {}

  /**
   * A channel's consent: {@code given}, {@code withdrawn} or {@code unknown}, with the ledger entry
   * that decides it (how and when), if any.
   */
  record ConsentRow(
      String channel,
      String state,
      @Nullable String source,
      @Nullable String at,
      @Nullable String atIso) {}

  /** The panel of the contact of a thread on {@code channel}. */
  static InboxContactPanel of(
      OmniFlow omniFlow, Actor actor, Pages.Zone zone, UUID contactId, Channel channel) {
    List<IdentityRow> identities = new ArrayList<>();
    for (Identity i : omniFlow.contacts().identities(actor, contactId)) {
      identities.add(
          new IdentityRow(
              i.kind().wireName(),
              i.handle(),
              zone.show(i.lastSeenAt()),
              zone.iso(i.lastSeenAt())));
    }
    ContactConsent consent = omniFlow.inbox().consent(actor, contactId);
    List<ConsentRow> rows = new ArrayList<>();
    for (Channel c : Channel.values()) {
      ConsentState state = consent.stateOf(c);
      if (c != channel && state == ConsentState.UNKNOWN) {
        continue;
      }
      ConsentEntry decided =
          consent.history().stream().filter(e -> e.covers(c)).findFirst().orElse(null);
      rows.add(
          new ConsentRow(
              c.id(),
              state.wireName(),
              decided == null ? null : decided.source().wireName().replace('_', ' '),
              decided == null ? null : zone.show(decided.at()),
              decided == null ? null : zone.iso(decided.at())));
    }
    return new InboxContactPanel(identities, rows);
  }
}
