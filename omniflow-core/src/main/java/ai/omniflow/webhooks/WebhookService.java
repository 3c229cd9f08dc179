package ai.omniflow.webhooks;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.internal.Wiring;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.webhooks.internal.AccountDeliveries;
import ai.omniflow.webhooks.internal.Processing;
import ai.omniflow.webhooks.internal.Reception;
import ai.omniflow.webhooks.internal.StoredDeliveries;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Platform webhooks: acknowledge fast, process after the commit. {@link #receive} verifies a
 * delivery through its provider's connector and stores it, and does nothing slow, so the host
 * answers at once; {@link #process}, run by workers on any number of nodes, takes stored deliveries
 * in through the one ingest path ({@link InboxService#ingest}). Obtain it from {@link
 * ai.omniflow.OmniFlow#webhooks()}.
 *
 * <pre>{@code
 * // the HTTP endpoint
 * WebhookReceipt r = omniFlow.webhooks().receive("meta", request); // then answer 200
 * // a worker, in a loop
 * ProcessingReport report = omniFlow.webhooks().process(WebhookSettings.defaults());
 * }</pre>
 *
 * <p>A crash between the answer and the processing loses nothing: the delivery is stored, and a
 * claim whose worker died ends with its lease. See docs/connectors.md and decision 0044.
 * Thread-safe.
 */
public final class WebhookService {
  // A facade: each use case is a class of one concern in webhooks.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        WebhookService.class,
        w ->
            new WebhookService(
                new Reception(w.store(), w.connectorRegistry(), w.clock()),
                new Processing(
                    w.store(),
                    w.connectorRegistry(),
                    w.part(InboxService.class),
                    w.part(ConnectorService.class),
                    w.clock()),
                new StoredDeliveries(w.store(), w.clock()),
                new AccountDeliveries(w.store())));
  }

  /** The largest webhook body taken: 3 MiB. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  /** The most deliveries one {@link #events} call returns. */
  public static final int MAX_PAGE = 100;

  private final Reception reception;
  private final Processing processing;
  private final StoredDeliveries stored;
  private final AccountDeliveries accounts;

  WebhookService(
      Reception reception,
      Processing processing,
      StoredDeliveries stored,
      AccountDeliveries accounts) {
    this.reception = Objects.requireNonNull(reception, "reception");
    this.processing = Objects.requireNonNull(processing, "processing");
    this.stored = Objects.requireNonNull(stored, "stored");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /**
   * Takes one delivery a platform posted: the provider's connector verifies its signature over the
   * raw bytes and checks its shape (no network call), then the delivery (body, method, URI and the
   * headers a parser reads) is stored under its dedupe key, the body's SHA-256, and committed. A
   * delivery stored before is acknowledged and stored again as nothing. No event is parsed into the
   * inbox here: {@link #process} does that after the commit. Needs no actor: the platform is
   * authenticated by its signature, and the org is known only once the delivery is parsed.
   *
   * @param provider the connector's provider id from the URL, e.g. {@code meta}
   * @param request the request exactly as it arrived, raw body included
   * @throws OmniFlowException {@code invalid_provider} (bad request) for a provider name that is
   *     not a provider id's shape; {@code unknown_provider} (not found) or {@code
   *     provider_unavailable} (conflict) if no live connector has it; {@code payload_too_large}
   *     (bad request; hosts answer 413) for a body over {@link #MAX_BODY_BYTES}; {@code
   *     signature_invalid} (unauthenticated) if the signature is missing or wrong; {@code
   *     malformed_payload} (bad request) if the body is not of the platform's shape. Nothing is
   *     stored then, and no message repeats the input.
   */
  public WebhookReceipt receive(String provider, WebhookRequest request) {
    return reception.receive(provider, request);
  }

  /**
   * Answers a platform's subscription handshake ({@code hub.mode}, {@code hub.verify_token}, {@code
   * hub.challenge}) through the provider's connector.
   *
   * @return the challenge to echo with 200
   * @throws OmniFlowException {@code handshake_refused} (forbidden) if the connector refuses it (a
   *     wrong verify token or mode, or a platform without handshakes); {@code invalid_provider},
   *     {@code unknown_provider} or {@code provider_unavailable} as for {@link #receive}
   */
  public String handshake(String provider, Map<String, String> query) {
    return reception.handshake(provider, query);
  }

  /**
   * The access token of the connected account a platform knows as {@code externalAccountId}, for a
   * connector that reads from its platform while it parses a delivery (Meta's Lead Ads: the lead is
   * read with its page's token). The org is found from the platform's id, as for deliveries. Empty
   * when no org has connected the account, when it needs re-authorization or is disconnected (so
   * nothing calls the platform with a token it refused), or when it has no usable token. Crosses
   * orgs, as deliveries do: give it to connectors only, never to a caller that names the account.
   *
   * <pre>{@code
   * PageTokens tokens = pageId -> omniFlow.webhooks().platformAccessToken("meta", pageId);
   * }</pre>
   */
  public Optional<String> platformAccessToken(String provider, String externalAccountId) {
    return processing.accessToken(provider, externalAccountId);
  }

  /**
   * Claims one batch of stored deliveries that are due (at most {@link
   * WebhookSettings#batchSize()}, leased for {@link WebhookSettings#lease()}, so that workers on
   * several nodes never run the same delivery at once) and processes each: parsed by its provider's
   * connector; each event's org found from the platform account it names (registered when the org
   * connected the account); the events ingested for their org's system actor, each org's in the
   * order of the claim and in chunks of at most {@value InboxService#MAX_INGEST_BATCH} of one
   * transaction each ({@link InboxService#ingestAll}); a chunk that fails is ingested again one
   * event per transaction ({@link InboxService#ingest}), so that a poisoned event fails only its
   * own delivery, and so is each event of a sender with several in the batch (decision 0081). The
   * batch's deliveries are then settled together (at the end of the batch, or sooner once half the
   * lease has gone):
   *
   * <ul>
   *   <li>{@code done} when every event went in, or the delivery held none OmniFlow uses (counted
   *       as {@link ProcessingReport#ignored()});
   *   <li>{@code dropped} when none of its events belongs to a connected account (each logged and
   *       counted as {@link ProcessingReport#unowned()});
   *   <li>back to {@code pending} after a failure, due after a back-off that doubles per attempt;
   *       {@code failed}, with a bounded error, after {@link WebhookSettings#maxAttempts()}.
   * </ul>
   *
   * <p>Running a delivery again is harmless: ingest's receipts take each event in once. So a worker
   * that dies before it settles leaves its whole batch to the next claim after the lease, which
   * takes in only what had not gone in (decision 0076).
   *
   * @return what this call did; {@link ProcessingReport#EMPTY} when nothing was due
   */
  public ProcessingReport process(WebhookSettings settings) {
    return processing.process(settings);
  }

  /**
   * The org's stored deliveries in {@code status}, oldest first, after the id {@code afterId} (0
   * for the first page). A delivery belongs to the org of its first event that an org owns; one
   * that failed before any event was read belongs to none and shows to no org.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code invalid_limit} (invalid input) if {@code limit} is not 1 to {@value #MAX_PAGE}
   */
  public List<StoredDelivery> events(Actor actor, WebhookStatus status, long afterId, int limit) {
    return stored.events(actor, status, afterId, limit);
  }

  /**
   * The last webhook delivery of each of the org's connector accounts, by account ref: when it
   * arrived and how its processing stands (processed, failed with its error code, waiting for
   * another attempt), for an account's health. A delivery counts for the account of its first event
   * the org owns, known once a worker has parsed it; an account with no such delivery is left out.
   * Reads each account's one latest delivery, however many it has (decision 0074).
   *
   * <pre>{@code
   * Map<String, LastDelivery> last = omniFlow.webhooks().lastDeliveries(actor);
   * }</pre>
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONNECTORS_READ}
   */
  public Map<String, LastDelivery> lastDeliveries(Actor actor) {
    return accounts.lastDeliveries(actor);
  }

  /**
   * Puts a settled delivery of the org back to run at once, with its attempts reset; ingest's
   * receipts keep events it took in before from being taken twice. Appends {@code
   * webhook_event.replayed} with its audit entry.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#ORG_SETTINGS_MANAGE};
   *     {@code not_found} if the org has no such delivery; {@code webhook_event_pending} (conflict)
   *     if it is waiting to run already
   */
  public StoredDelivery replay(Actor actor, long id) {
    return stored.replay(actor, id);
  }
}
