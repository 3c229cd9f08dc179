package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.contacts.IdentityClaim;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.inbox.InboxErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identities a sender shows on a channel, as claims for contact resolution (docs/inbox.md). Not
 * API. Stateless.
 */
public final class SenderClaims {
  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,}");

  private SenderClaims() {}

  /**
   * The identities a sender shows on a channel: the handle as the channel's own kind (Instagram id,
   * Messenger PSID, WhatsApp id, phone for SMS, e-mail for e-mail; a WhatsApp id is also a phone
   * number), plus any phone and e-mail the event carries.
   */
  public static List<IdentityClaim> of(Channel channel, Sender sender) {
    List<IdentityClaim> out = new ArrayList<>();
    String handle = sender.handle();
    if (handle != null) {
      switch (channel) {
        case INSTAGRAM_DM, INSTAGRAM_COMMENT ->
            out.add(IdentityClaim.of(IdentityKind.INSTAGRAM_ID, handle));
        case FACEBOOK_DM, FACEBOOK_COMMENT ->
            out.add(IdentityClaim.of(IdentityKind.MESSENGER_PSID, handle));
        case WHATSAPP -> {
          out.add(IdentityClaim.of(IdentityKind.WHATSAPP_ID, handle));
          if (sender.phone() == null && PHONE_LIKE.matcher(handle.strip()).matches()) {
            String h = handle.strip();
            out.add(IdentityClaim.of(IdentityKind.PHONE, h.startsWith("+") ? h : "+" + h));
          }
        }
        case SMS -> {
          if (sender.phone() == null) {
            out.add(IdentityClaim.of(IdentityKind.PHONE, handle));
          }
        }
        case EMAIL -> {
          if (sender.email() == null) {
            out.add(IdentityClaim.of(IdentityKind.EMAIL, handle));
          }
        }
        case LEAD_FORM -> {
          // A lead form's handle is the platform's user id of an unknown kind: only its phone
          // and e-mail fields identify the person.
        }
      }
    }
    if (sender.phone() != null) {
      out.add(IdentityClaim.of(IdentityKind.PHONE, sender.phone()));
    }
    if (sender.email() != null) {
      out.add(IdentityClaim.of(IdentityKind.EMAIL, sender.email()));
    }
    if (out.isEmpty()) {
      throw OmniFlowException.invalidInput(
          InboxErrors.UNIDENTIFIED_SENDER,
          "The sender shows no handle, phone or e-mail that identifies them on " + channel + ".");
    }
    return out;
  }
}
