package ai.omniflow.tenancy;

import java.util.Objects;

/**
 * A newly issued API key with its token. The token is shown once, here, and never stored: only its
 * hash is kept.
 *
 * @param key the stored key
 * @param token the bearer token to hand to the client
 */
public record IssuedApiKey(ApiKey key, String token) {
  public IssuedApiKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "IssuedApiKey[key=" + key + ", token=<redacted>]";
  }
}
