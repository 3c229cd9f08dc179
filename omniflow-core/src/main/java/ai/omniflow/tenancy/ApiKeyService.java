package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Snapshots;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys: issued per org and member, stored only as a SHA-256 hash, and turned back into an
 * {@link Actor} on each request. A token names its org ({@code ofk_<org>_<secret>}), so the look-up
 * runs inside that org's tenancy scope like every other read.
 *
 * <pre>{@code
 * IssuedApiKey issued = omniFlow.apiKeys().issue(adminActor, userId, "CRM sync");
 * Actor actor = omniFlow.apiKeys().authenticate(issued.token(), requestId);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ApiKeyService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(ApiKeyService.class, w -> new ApiKeyService(w.store(), w.clock()));
  }

  private static final Pattern TOKEN = Pattern.compile("ofk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;

  ApiKeyService(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Issues a key that acts as {@code userId} in the actor's org. The token is in the result only. A
   * key is issued only for the actor themself, or for a member whose role is at most the actor's
   * (an admin cannot mint an owner's key). The key records its issuer; event {@code api_key.issued}
   * and its audit entry name both the key's user and the issuer.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#API_KEYS_MANAGE}, or when
   *     the member's role is above the actor's; {@code not_found} if the user is not a member of
   *     the org
   */
  public IssuedApiKey issue(Actor actor, UUID userId, String name) {
    Permission.API_KEYS_MANAGE.check(actor);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token =
        "ofk_"
            + actor.orgId().toString().replace("-", "")
            + "_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey key =
        new ApiKey(
            Ids.next(),
            actor.orgId(),
            userId,
            name,
            token.substring(0, 12),
            hash(token),
            clock.instant(),
            null,
            actor.userId());
    store.useTransaction(
        actor,
        tx -> {
          Membership member =
              tx.memberships()
                  .find(userId)
                  .orElseThrow(() -> OmniFlowException.notFound("The user"));
          if (!userId.equals(actor.userId()) && !actor.role().isAtLeast(member.role())) {
            throw OmniFlowException.forbidden(
                "A "
                    + actor.role().wireName()
                    + " may not issue a key for a member whose role is '"
                    + member.role().wireName()
                    + "'.");
          }
          tx.apiKeys().insert(key);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  TenancyEvents.API_KEY_ISSUED,
                  TenancyEvents.AUDIT_API_KEY_ISSUE,
                  "api_key",
                  key.id().toString(),
                  issuedPayload(key),
                  null,
                  Snapshots.apiKey(key)));
        });
    return new IssuedApiKey(key, token);
  }

  private static Map<String, @org.jspecify.annotations.Nullable Object> issuedPayload(ApiKey key) {
    Map<String, @org.jspecify.annotations.Nullable Object> p = new java.util.LinkedHashMap<>();
    p.put("user_id", key.userId().toString());
    p.put(
        "issued_by_user_id", key.issuedByUserId() == null ? null : key.issuedByUserId().toString());
    p.put("name", key.name());
    return p;
  }

  /** The org's keys, newest first, without their secrets. */
  public List<ApiKey> list(Actor actor) {
    Permission.API_KEYS_MANAGE.check(actor);
    return store.inTransaction(actor, tx -> tx.apiKeys().list());
  }

  /**
   * Revokes a key; later requests with it are refused.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such key
   */
  public ApiKey revoke(Actor actor, UUID keyId) {
    Permission.API_KEYS_MANAGE.check(actor);
    return store.inTransaction(
        actor,
        tx -> {
          ApiKey before =
              tx.apiKeys().list().stream()
                  .filter(k -> k.id().equals(keyId))
                  .findFirst()
                  .orElseThrow(() -> OmniFlowException.notFound("The API key"));
          ApiKey after = tx.apiKeys().revoke(keyId, clock.instant()).orElseThrow();
          if (!before.isRevoked()) {
            Recorder.record(
                tx,
                clock.instant(),
                new Recorder.Change(
                    TenancyEvents.API_KEY_REVOKED,
                    TenancyEvents.AUDIT_API_KEY_REVOKE,
                    "api_key",
                    keyId.toString(),
                    Map.of("user_id", after.userId().toString()),
                    Snapshots.apiKey(before),
                    Snapshots.apiKey(after)));
          }
          return after;
        });
  }

  /**
   * The actor a bearer token stands for: its user with their current membership role.
   *
   * @throws OmniFlowException {@code unauthenticated} if the token is malformed, unknown or
   *     revoked, or its user is no longer a member
   */
  public Actor authenticate(String token, @org.jspecify.annotations.Nullable String requestId) {
    Matcher m = TOKEN.matcher(token == null ? "" : token.trim());
    if (!m.matches()) {
      throw OmniFlowException.unauthenticated("The API key is malformed.");
    }
    String hex = m.group(1);
    UUID orgId =
        new UUID(
            Long.parseUnsignedLong(hex.substring(0, 16), 16),
            Long.parseUnsignedLong(hex.substring(16), 16));
    String hash = hash(m.group());
    return store.inTransaction(
        Actor.system(orgId),
        tx -> {
          ApiKey key =
              tx.apiKeys()
                  .findByHash(hash)
                  .filter(k -> !k.isRevoked())
                  .orElseThrow(
                      () ->
                          OmniFlowException.unauthenticated("The API key is unknown or revoked."));
          Membership membership =
              tx.memberships()
                  .find(key.userId())
                  .orElseThrow(
                      () ->
                          OmniFlowException.unauthenticated(
                              "The API key's user is no longer a member of the org."));
          return new Actor(orgId, key.userId(), membership.role(), requestId);
        });
  }

  static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
