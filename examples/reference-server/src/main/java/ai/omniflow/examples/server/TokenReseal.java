package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.vault.TokenVault;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code reseal-tokens} operator command, key rotation step 3: for each org, reseals every
 * connector token that is not under the primary key of {@code TOKEN_ENCRYPTION_KEY}, and prints the
 * counts. Safe to run again: tokens already under the primary key are left alone.
 */
@Component
final class TokenReseal implements ApplicationRunner {
  private final OmniFlow omniFlow;
  private final TokenVault vault;
  private final boolean wanted;

  TokenReseal(OmniFlow omniFlow, TokenVault vault, Environment environment) {
    this.omniFlow = omniFlow;
    this.vault = vault;
    this.wanted =
        ReferenceServer.Command.RESEAL_TOKENS
            .name()
            .equals(environment.getProperty(ReferenceServer.COMMAND));
  }

  @Override
  public void run(ApplicationArguments args) {
    if (wanted) {
      reseal(System.out);
    }
  }

  /**
   * Reseals every org's tokens, printing one line per org that had any and a total.
   *
   * @return how many accounts' tokens were resealed
   */
  int reseal(PrintStream out) {
    List<UUID> orgs = omniFlow.tenancy().orgIds();
    int total = 0;
    for (UUID org : orgs) {
      int n = omniFlow.connectors().resealTokens(Actor.system(org).withRequestId("reseal-tokens"));
      if (n > 0) {
        out.println("Org " + org + ": resealed the tokens of " + n + " account(s).");
      }
      total += n;
    }
    out.println(
        "Resealed the tokens of "
            + total
            + " account(s) in "
            + orgs.size()
            + " org(s); every token is now under key "
            + vault.primaryKeyId()
            + ".");
    return total;
  }
}
