package ai.omniflow.connector.tck;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Connectors with one deliberate flaw each, made by wrapping {@link ReferenceConnector}, and the
 * kit runs against them. {@link ConnectorCompatibilityKitTest} proves the kit fails each one in the
 * tests that look for its flaw, and only there.
 */
final class BrokenConnectors {
  private BrokenConnectors() {}

  enum Flaw {
    /** Accepts every webhook without looking at its signature. */
    SKIPS_SIGNATURE_CHECKS,
    /** Gives every event of a kind the same dedupe key. */
    REUSES_DEDUPE_KEYS,
    /** Gives every parse fresh random dedupe keys. */
    RANDOM_DEDUPE_KEYS,
    /** Puts the access token in the message of a failed send. */
    LEAKS_TOKEN
  }

  static ConnectorFactory factory(Flaw flaw) {
    ConnectorFactory honest = new ReferenceConnector.Factory();
    return new ConnectorFactory() {
      @Override
      public String providerId() {
        return honest.providerId();
      }

      @Override
      public String displayName() {
        return honest.displayName() + " with flaw " + flaw;
      }

      @Override
      public Set<Capability> capabilities() {
        return honest.capabilities();
      }

      @Override
      public AuthMethod authMethod() {
        return honest.authMethod();
      }

      @Override
      public Connector create(ConnectorConfig config) {
        return new Flawed(honest.create(config), flaw);
      }
    };
  }

  private static final class Flawed implements Connector {
    private final Connector honest;
    private final Flaw flaw;

    Flawed(Connector honest, Flaw flaw) {
      this.honest = honest;
      this.flaw = flaw;
    }

    @Override
    public String providerId() {
      return honest.providerId();
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
      return honest.authorizationUrl(request);
    }

    @Override
    public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
      return honest.exchangeCode(code, codeVerifier, redirectUri);
    }

    @Override
    public TokenSet refresh(String refreshToken) {
      return honest.refresh(refreshToken);
    }

    @Override
    public void revoke(String token) {
      honest.revoke(token);
    }

    @Override
    public Optional<String> verifyHandshake(Map<String, String> queryParams) {
      return honest.verifyHandshake(queryParams);
    }

    @Override
    public void verifySignature(WebhookRequest request) {
      if (flaw != Flaw.SKIPS_SIGNATURE_CHECKS) {
        honest.verifySignature(request);
      }
    }

    @Override
    public List<InboundEvent> parse(WebhookRequest request) {
      List<InboundEvent> events = honest.parse(request);
      return switch (flaw) {
        case REUSES_DEDUPE_KEYS -> events.stream().map(e -> withKey(e, e.kind().name())).toList();
        case RANDOM_DEDUPE_KEYS ->
            events.stream().map(e -> withKey(e, UUID.randomUUID().toString())).toList();
        default -> events;
      };
    }

    @Override
    public SendResult send(OutboundMessage message, String accessToken) {
      try {
        return honest.send(message, accessToken);
      } catch (ConnectorException e) {
        if (flaw != Flaw.LEAKS_TOKEN) {
          throw e;
        }
        String leaky = e.getMessage() + " (sent with token " + accessToken + ")";
        if (e.kind() == FailureKind.RATE_LIMITED) {
          throw ConnectorException.rateLimited(leaky, e.retryAfter().orElse(null));
        }
        throw new ConnectorException(e.kind(), leaky, e);
      }
    }

    @Override
    public HealthReport probe(String externalAccountId, String accessToken) {
      return honest.probe(externalAccountId, accessToken);
    }
  }

  private static InboundEvent withKey(InboundEvent event, String key) {
    if (event instanceof InboundEvent.Message m) {
      return new InboundEvent.Message(
          key,
          m.providerAccountId(),
          m.channel(),
          m.providerMessageId(),
          m.sender(),
          m.text(),
          m.occurredAt(),
          m.referral());
    }
    if (event instanceof InboundEvent.Comment c) {
      return new InboundEvent.Comment(
          key,
          c.providerAccountId(),
          c.channel(),
          c.commentId(),
          c.parentCommentId(),
          c.sender(),
          c.text(),
          c.occurredAt(),
          c.referral());
    }
    if (event instanceof InboundEvent.LeadForm l) {
      return new InboundEvent.LeadForm(
          key,
          l.providerAccountId(),
          l.leadId(),
          l.formId(),
          l.sender(),
          l.fields(),
          l.occurredAt(),
          l.referral());
    }
    InboundEvent.DeliveryUpdate d = (InboundEvent.DeliveryUpdate) event;
    return new InboundEvent.DeliveryUpdate(
        key,
        d.providerAccountId(),
        d.channel(),
        d.providerMessageId(),
        d.status(),
        d.failureReason(),
        d.occurredAt());
  }

  /** The kit against a connector that skips signature checks. */
  static class SkipsSignatureChecks extends ReferenceKitRun {
    @Override
    protected ConnectorFactory factory() {
      return BrokenConnectors.factory(Flaw.SKIPS_SIGNATURE_CHECKS);
    }
  }

  /** The kit against a connector that reuses dedupe keys. */
  static class ReusesDedupeKeys extends ReferenceKitRun {
    @Override
    protected ConnectorFactory factory() {
      return BrokenConnectors.factory(Flaw.REUSES_DEDUPE_KEYS);
    }
  }

  /** The kit against a connector whose dedupe keys change on every parse. */
  static class RandomDedupeKeys extends ReferenceKitRun {
    @Override
    protected ConnectorFactory factory() {
      return BrokenConnectors.factory(Flaw.RANDOM_DEDUPE_KEYS);
    }
  }

  /** The kit against a connector that leaks the access token in failures. */
  static class LeaksToken extends ReferenceKitRun {
    @Override
    protected ConnectorFactory factory() {
      return BrokenConnectors.factory(Flaw.LEAKS_TOKEN);
    }
  }
}
