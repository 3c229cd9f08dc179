package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The connector account repository: accounts by ref and external id, their tokens as bytes, and
 * nothing of them visible to another org. Not API: {@link StoreCompatibilityKit} runs it as a
 * nested suite.
 */
abstract class ConnectorAccountSuite extends StoreSuite {
  @Test
  void areFoundByRefAndExternalIdListedOldestFirstAndUpdated() {
    Actor a = newOrg();
    ConnectorAccount first = connectorAccount(a, "page-1", T0);
    ConnectorAccount second = connectorAccount(a, "page-2", T0.plusSeconds(1));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().insert(second);
              tx.connectorAccounts().insert(first);
              return null;
            });
    assertThat(
            store()
                .<Optional<ConnectorAccount>>inTransaction(
                    a, tx -> tx.connectorAccounts().findByRef(first.accountRef())))
        .contains(first);
    assertThat(
            store()
                .<Optional<ConnectorAccount>>inTransaction(
                    a, tx -> tx.connectorAccounts().findByExternalId("meta", "page-2")))
        .contains(second);
    assertThat(
            store()
                .<Optional<ConnectorAccount>>inTransaction(
                    a, tx -> tx.connectorAccounts().findByExternalId("whatsapp", "page-2")))
        .isEmpty();
    assertThat(
            store().<List<ConnectorAccount>>inTransaction(a, tx -> tx.connectorAccounts().list()))
        .containsExactly(first, second);

    ConnectorAccount changed =
        first.withStatus(HealthStatus.NEEDS_REAUTH, "Token expired.", T0.plusSeconds(60));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().update(changed);
              return null;
            });
    assertThat(
            store()
                .<Optional<ConnectorAccount>>inTransaction(
                    a, tx -> tx.connectorAccounts().findByRef(first.accountRef())))
        .contains(changed);
  }

  @Test
  void theSameExternalAccountTwiceInOneOrgConflicts() {
    Actor a = newOrg();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().insert(connectorAccount(a, "page-1", T0));
              return null;
            });
    assertKind(
        () ->
            write(
                a,
                tx -> {
                  tx.connectorAccounts().insert(connectorAccount(a, "page-1", T0));
                }),
        OmniFlowException.Kind.CONFLICT);
    // another org may connect the same page
    Actor b = newOrg();
    store()
        .inTransaction(
            b,
            tx -> {
              tx.connectorAccounts().insert(connectorAccount(b, "page-1", T0));
              return null;
            });
  }

  @Test
  void keepTokensAsBytesReplaceThemAndForgetThem() {
    Actor a = newOrg();
    ConnectorAccount account = connectorAccount(a, "page-1", T0);
    AccountTokens tokens =
        new AccountTokens(account.id(), a.orgId(), new byte[] {1, 0, -1, 42}, null, T0);
    AccountTokens replaced =
        new AccountTokens(
            account.id(), a.orgId(), new byte[] {7, 7}, new byte[] {9, 0, 9}, T0.plusSeconds(5));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().insert(account);
              tx.connectorAccounts().saveTokens(tokens);
              return null;
            });
    assertThat(
            store()
                .<Optional<AccountTokens>>inTransaction(
                    a, tx -> tx.connectorAccounts().tokens(account.id())))
        .contains(tokens);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().saveTokens(replaced);
              return null;
            });
    assertThat(
            store().<List<AccountTokens>>inTransaction(a, tx -> tx.connectorAccounts().allTokens()))
        .containsExactly(replaced);
    assertThat(
            store()
                .<Boolean>inTransaction(a, tx -> tx.connectorAccounts().deleteTokens(account.id())))
        .isTrue();
    assertThat(
            store()
                .<Boolean>inTransaction(a, tx -> tx.connectorAccounts().deleteTokens(account.id())))
        .isFalse();
    assertThat(
            store()
                .<Optional<AccountTokens>>inTransaction(
                    a, tx -> tx.connectorAccounts().tokens(account.id())))
        .isEmpty();
  }

  @Test
  void areInvisibleToAnotherOrgWithTheirTokens() {
    Actor a = newOrg();
    Actor b = newOrg();
    ConnectorAccount account = connectorAccount(a, "page-1", T0);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.connectorAccounts().insert(account);
              tx.connectorAccounts()
                  .saveTokens(new AccountTokens(account.id(), a.orgId(), new byte[] {1}, null, T0));
              return null;
            });
    store()
        .inTransaction(
            b,
            tx -> {
              assertThat(tx.connectorAccounts().findByRef(account.accountRef())).isEmpty();
              assertThat(tx.connectorAccounts().list()).isEmpty();
              assertThat(tx.connectorAccounts().tokens(account.id())).isEmpty();
              assertThat(tx.connectorAccounts().allTokens()).isEmpty();
              assertThat(tx.connectorAccounts().deleteTokens(account.id())).isFalse();
              return null;
            });
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        b,
                        tx -> {
                          tx.connectorAccounts().update(account);
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            store()
                .<Optional<AccountTokens>>inTransaction(
                    a, tx -> tx.connectorAccounts().tokens(account.id())))
        .isPresent();
  }

  // ---------------------------------------------------------- single-flight refresh (issue 9)

  @Test
  void tokensAreLockedOnlyInTheirOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    ConnectorAccount account = connectorAccount(a, "page-lock", T0);
    AccountTokens tokens =
        new AccountTokens(account.id(), a.orgId(), new byte[] {1, 2}, new byte[] {3}, T0);
    write(
        a,
        tx -> {
          tx.connectorAccounts().insert(account);
          tx.connectorAccounts().saveTokens(tokens);
        });
    assertThat(
            store()
                .<Optional<AccountTokens>>inTransaction(
                    a, tx -> tx.connectorAccounts().lockTokens(account.id())))
        .contains(tokens);
    assertThat(
            store()
                .<Optional<AccountTokens>>inTransaction(
                    b, tx -> tx.connectorAccounts().lockTokens(account.id())))
        .isEmpty();
  }
}
