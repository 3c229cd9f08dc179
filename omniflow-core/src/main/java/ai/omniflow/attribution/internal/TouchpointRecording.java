package ai.omniflow.attribution.internal;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionEvents;
import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.attribution.TouchpointInput;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.internal.IdentityNormalizer;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The touchpoint use cases: a click or visit recorded from outside the inbox, joined to its contact
 * or kept anonymous, and anonymous touchpoints linked once a contact matches. {@link
 * AttributionService#recordTouchpoint} and {@link AttributionService#linkTouchpoints} delegate to
 * it (decision 0033); their Javadoc is the spec. Not API. Thread-safe.
 */
public final class TouchpointRecording {
  private final Store store;
  private final Clock clock;

  public TouchpointRecording(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link AttributionService#recordTouchpoint}. */
  public ExternalTouchpoint record(Actor actor, TouchpointInput in) {
    Permission.ATTRIBUTION_WRITE.check(actor);
    Objects.requireNonNull(in, "input");
    Instant now = clock.instant();
    Instant at = in.occurredAt() == null ? now : Limits.past("occurred_at", in.occurredAt(), now);
    String channel = in.resolvedChannel();
    String campaign = in.resolvedCampaign();
    String key = blankToNull(in.anonymousKey());
    return store.inTransaction(
        actor,
        tx -> {
          Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          String email = normalized(IdentityKind.EMAIL, in.email(), "email", org);
          String phone = normalized(IdentityKind.PHONE, in.phone(), "phone", org);
          UUID contact = in.contactId();
          if (contact != null) {
            tx.contacts()
                .find(contact)
                .orElseThrow(() -> OmniFlowException.notFound("The contact"));
          } else {
            contact = match(tx, email, phone);
          }
          ExternalTouchpoint t =
              new ExternalTouchpoint(
                  Ids.next(),
                  actor.orgId(),
                  contact,
                  channel,
                  campaign,
                  blankToNull(in.adId()),
                  blankToNull(in.contentId()),
                  in.utm(),
                  in.clickId(),
                  key,
                  email,
                  phone,
                  at,
                  now);
          tx.externalTouchpoints().insert(t);
          int linked = 0;
          if (contact != null && key != null) {
            linked += tx.externalTouchpoints().linkAnonymousKey(key, contact);
          }
          linked += tx.externalTouchpoints().linkMatchingIdentities();
          Map<String, @Nullable Object> after = view(t);
          Map<String, @Nullable Object> payload = new LinkedHashMap<>(after);
          payload.put("linked", linked);
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  AttributionEvents.TOUCHPOINT_RECORDED,
                  AttributionEvents.AUDIT_TOUCHPOINT_RECORD,
                  "touchpoint",
                  t.id().toString(),
                  payload,
                  null,
                  after));
          return t;
        });
  }

  /** As {@link AttributionService#linkTouchpoints}. */
  public int link(Actor actor) {
    Permission.ATTRIBUTION_WRITE.check(actor);
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          int linked = tx.externalTouchpoints().linkMatchingIdentities();
          if (linked > 0) {
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("linked", linked);
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    AttributionEvents.TOUCHPOINTS_LINKED,
                    AttributionEvents.AUDIT_TOUCHPOINTS_LINK,
                    "org",
                    actor.orgId().toString(),
                    payload,
                    null,
                    payload));
          }
          return linked;
        });
  }

  private static @Nullable UUID match(
      StoreTransaction tx, @Nullable String email, @Nullable String phone) {
    if (email != null) {
      UUID c =
          tx.contacts()
              .findIdentity(IdentityKind.EMAIL, email)
              .map(Identity::contactId)
              .orElse(null);
      if (c != null) {
        return c;
      }
    }
    if (phone != null) {
      return tx.contacts()
          .findIdentity(IdentityKind.PHONE, phone)
          .map(Identity::contactId)
          .orElse(null);
    }
    return null;
  }

  private static @Nullable String normalized(
      IdentityKind kind, @Nullable String handle, String field, Org org) {
    if (handle == null || handle.isBlank()) {
      return null;
    }
    return IdentityNormalizer.normalize(kind, handle, field, org.defaultRegion());
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  // What the event and audit keep: never the e-mail, phone or click id themselves.
  private static Map<String, @Nullable Object> view(ExternalTouchpoint t) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("channel", t.channel());
    m.put("campaign", t.campaign());
    m.put("contact_id", t.contactId() == null ? null : t.contactId().toString());
    m.put("anonymous", t.contactId() == null);
    m.put("click_id_kind", t.clickId() == null ? null : t.clickId().kind().wireName());
    m.put("occurred_at", t.occurredAt().toString());
    return m;
  }
}
