package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.Attachment;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.store.spi.AuditRepository;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import ai.omniflow.store.spi.ContactMergeRepository;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.EventRepository;
import ai.omniflow.store.spi.InboxRepository;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.store.spi.OAuthStateRepository;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.RoutingRepository;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * One open store transaction on one Jdbi handle, already scoped to the actor's org. Every query
 * also filters by that org itself, so the SQL is right even where row-level security is off (a
 * developer's superuser session, a misconfigured role): defense in depth. Not thread-safe.
 */
public final class JdbcTransaction implements StoreTransaction {
  private final Handle handle;
  private final Actor actor;
  private final UUID org;
  private final SqlStatements sql;
  private final JsonCodec json;
  private boolean open = true;
  private int savepoints;

  JdbcTransaction(Handle handle, Actor actor, SqlStatements sql, JsonCodec json) {
    this.handle = handle;
    this.actor = actor;
    this.org = actor.orgId();
    this.sql = sql;
    this.json = json;
  }

  void close() {
    open = false;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  void requireOpen() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  void requireOrg(UUID rowOrg, String what) {
    requireOpen();
    if (!org.equals(rowOrg)) {
      throw new IllegalArgumentException(what + " belongs to another org than the transaction");
    }
  }

  /** Runs one database step, turning its failures into value-free exceptions. */
  <T> T step(String operation, Supplier<T> body) {
    requireOpen();
    try {
      return body.get();
    } catch (JdbiException e) {
      throw SqlFailures.translate(operation, e);
    }
  }

  /**
   * Runs a step inside a savepoint, so that a refused statement (say, a foreign key) leaves the
   * transaction usable, as it is in the in-memory store.
   */
  <T> T guarded(String operation, Supplier<T> body) {
    return step(
        operation,
        () -> {
          String name = "omniflow_step_" + (++savepoints);
          handle.savepoint(name);
          T result;
          try {
            result = body.get();
          } catch (RuntimeException e) {
            handle.rollbackToSavepoint(name);
            throw e;
          }
          handle.releaseSavepoint(name);
          return result;
        });
  }

  Update change(String statement) {
    return handle.createUpdate(statement);
  }

  Query select(String statement) {
    return handle.createQuery(statement);
  }

  @Override
  public OrgRepository orgs() {
    return new OrgRepository() {
      @Override
      public Optional<Org> current() {
        return step(
            "orgs.current",
            () ->
                select(sql.orgCurrent)
                    .bind(0, Binds.uuid(org))
                    .map((rs, ctx) -> org(rs))
                    .findOne());
      }

      @Override
      public void insert(Org o) {
        requireOrg(o.id(), "the org");
        int rows =
            step(
                "orgs.insert",
                () ->
                    change(sql.orgInsert)
                        .bind(0, Binds.uuid(o.id()))
                        .bind(1, Binds.text(o.name()))
                        .bind(2, Binds.text(o.packSlug()))
                        .bind(3, Binds.text(o.packVersion()))
                        .bind(4, Binds.instant(o.createdAt()))
                        .bind(5, Binds.text(o.defaultRegion()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict("org_exists", "The org exists already.");
        }
      }

      @Override
      public void update(Org o) {
        requireOrg(o.id(), "the org");
        int rows =
            step(
                "orgs.update",
                () ->
                    change(sql.orgUpdate)
                        .bind(0, Binds.text(o.name()))
                        .bind(1, Binds.text(o.packSlug()))
                        .bind(2, Binds.text(o.packVersion()))
                        .bind(3, Binds.instant(o.createdAt()))
                        .bind(4, Binds.text(o.defaultRegion()))
                        .bind(5, Binds.uuid(o.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The org");
        }
      }
    };
  }

  @Override
  public UserRepository users() {
    return new UserRepository() {
      @Override
      public Optional<User> find(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return step(
            "users.find",
            () ->
                select(sql.userFind)
                    .bind(0, Binds.uuid(userId))
                    .bind(1, Binds.uuid(org))
                    .map((rs, ctx) -> user(rs))
                    .findOne());
      }

      @Override
      public void insert(User user) {
        Objects.requireNonNull(user, "user");
        int rows =
            step(
                "users.insert",
                () ->
                    change(sql.userInsert)
                        .bind(0, Binds.uuid(user.id()))
                        .bind(1, Binds.uuid(org))
                        .bind(2, Binds.text(user.email()))
                        .bind(3, Binds.text(user.displayName()))
                        .bind(4, Binds.instant(user.createdAt()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict(
              "user_exists", "A user with that id or e-mail exists in the org.");
        }
      }
    };
  }

  @Override
  public MembershipRepository memberships() {
    return new MembershipRepository() {
      @Override
      public Optional<Membership> find(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return step(
            "memberships.find",
            () ->
                select(sql.membershipFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(userId))
                    .map((rs, ctx) -> membership(rs))
                    .findOne());
      }

      @Override
      public List<Membership> list() {
        return step(
            "memberships.list",
            () ->
                select(sql.membershipList)
                    .bind(0, Binds.uuid(org))
                    .map((rs, ctx) -> membership(rs))
                    .list());
      }

      @Override
      public void insert(Membership m) {
        requireOrg(m.orgId(), "the membership");
        // A savepoint: an unknown user is a foreign-key refusal, which must not poison the rest.
        int rows =
            guarded(
                "memberships.insert",
                () ->
                    change(sql.membershipInsert)
                        .bind(0, Binds.uuid(m.orgId()))
                        .bind(1, Binds.uuid(m.userId()))
                        .bind(2, Binds.text(m.role().wireName()))
                        .bind(3, Binds.instant(m.createdAt()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict("member_exists", "The user is a member already.");
        }
      }

      @Override
      public void update(Membership m) {
        requireOrg(m.orgId(), "the membership");
        int rows =
            step(
                "memberships.update",
                () ->
                    change(sql.membershipUpdate)
                        .bind(0, Binds.text(m.role().wireName()))
                        .bind(1, Binds.instant(m.createdAt()))
                        .bind(2, Binds.uuid(m.orgId()))
                        .bind(3, Binds.uuid(m.userId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The membership");
        }
      }

      // ------------------------------------------------------------ members API (issue 9)

      @Override
      public boolean delete(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return step(
                "memberships.delete",
                () ->
                    change(sql.membershipDelete)
                        .bind(0, Binds.uuid(org))
                        .bind(1, Binds.uuid(userId))
                        .execute())
            > 0;
      }
    };
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return new ApiKeyRepository() {
      @Override
      public void insert(ApiKey key) {
        requireOrg(key.orgId(), "the API key");
        int rows =
            step(
                "api_keys.insert",
                () ->
                    change(sql.apiKeyInsert)
                        .bind(0, Binds.uuid(key.id()))
                        .bind(1, Binds.uuid(key.orgId()))
                        .bind(2, Binds.uuid(key.userId()))
                        .bind(3, Binds.text(key.name()))
                        .bind(4, Binds.text(key.prefix()))
                        .bind(5, Binds.text(key.secretHash()))
                        .bind(6, Binds.instant(key.createdAt()))
                        .bind(7, Binds.instant(key.revokedAt()))
                        .bind(8, Binds.uuid(key.issuedByUserId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict("api_key_exists", "The API key exists already.");
        }
      }

      @Override
      public Optional<ApiKey> findByHash(String secretHash) {
        Objects.requireNonNull(secretHash, "secretHash");
        return step(
            "api_keys.find_by_hash",
            () ->
                select(sql.apiKeyFindByHash)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(secretHash))
                    .map((rs, ctx) -> apiKey(rs))
                    .findOne());
      }

      @Override
      public List<ApiKey> list() {
        return step(
            "api_keys.list",
            () ->
                select(sql.apiKeyList)
                    .bind(0, Binds.uuid(org))
                    .map((rs, ctx) -> apiKey(rs))
                    .list());
      }

      @Override
      public Optional<ApiKey> revoke(UUID keyId, Instant at) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(at, "at");
        return step(
            "api_keys.revoke",
            () ->
                select(sql.apiKeyRevoke)
                    .bind(0, Binds.instant(at))
                    .bind(1, Binds.uuid(org))
                    .bind(2, Binds.uuid(keyId))
                    .map((rs, ctx) -> apiKey(rs))
                    .findOne());
      }
    };
  }

  @Override
  public ConnectorAccountRepository connectorAccounts() {
    return new ConnectorAccountRepository() {
      @Override
      public void insert(ConnectorAccount a) {
        requireOrg(a.orgId(), "the connector account");
        guarded(
            "connector_accounts.insert",
            () ->
                change(sql.accountInsert)
                    .bind(0, Binds.uuid(a.id()))
                    .bind(1, Binds.uuid(a.orgId()))
                    .bind(2, Binds.text(a.accountRef()))
                    .bind(3, Binds.text(a.provider()))
                    .bind(4, Binds.text(a.externalAccountId()))
                    .bind(5, Binds.text(a.displayName()))
                    .bind(6, Binds.text(String.join(" ", a.scopes())))
                    .bind(7, Binds.text(a.status().name().toLowerCase(Locale.ROOT)))
                    .bind(8, Binds.text(a.statusDetail()))
                    .bind(9, Binds.instant(a.lastCheckedAt()))
                    .bind(10, Binds.instant(a.tokenExpiresAt()))
                    .bind(11, Binds.instant(a.createdAt()))
                    .bind(12, Binds.instant(a.updatedAt()))
                    .execute());
      }

      @Override
      public void update(ConnectorAccount a) {
        requireOrg(a.orgId(), "the connector account");
        int rows =
            step(
                "connector_accounts.update",
                () ->
                    change(sql.accountUpdate)
                        .bind(0, Binds.text(a.displayName()))
                        .bind(1, Binds.text(String.join(" ", a.scopes())))
                        .bind(2, Binds.text(a.status().name().toLowerCase(Locale.ROOT)))
                        .bind(3, Binds.text(a.statusDetail()))
                        .bind(4, Binds.instant(a.lastCheckedAt()))
                        .bind(5, Binds.instant(a.tokenExpiresAt()))
                        .bind(6, Binds.instant(a.updatedAt()))
                        .bind(7, Binds.uuid(org))
                        .bind(8, Binds.uuid(a.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The connector account");
        }
      }

      @Override
      public Optional<ConnectorAccount> findByRef(String accountRef) {
        Objects.requireNonNull(accountRef, "accountRef");
        return step(
            "connector_accounts.find_by_ref",
            () ->
                select(sql.accountFindByRef)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(accountRef))
                    .map((rs, ctx) -> connectorAccount(rs))
                    .findOne());
      }

      @Override
      public Optional<ConnectorAccount> findByExternalId(String provider, String externalId) {
        return step(
            "connector_accounts.find_by_external_id",
            () ->
                select(sql.accountFindByExternal)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(provider))
                    .bind(2, Binds.text(externalId))
                    .map((rs, ctx) -> connectorAccount(rs))
                    .findOne());
      }

      @Override
      public List<ConnectorAccount> list() {
        return step(
            "connector_accounts.list",
            () ->
                select(sql.accountList)
                    .bind(0, Binds.uuid(org))
                    .map((rs, ctx) -> connectorAccount(rs))
                    .list());
      }

      @Override
      public void saveTokens(AccountTokens t) {
        requireOrg(t.orgId(), "the tokens");
        int rows =
            guarded(
                "connector_tokens.save",
                () ->
                    change(sql.tokensUpsert)
                        .bind(0, Binds.uuid(t.accountId()))
                        .bind(1, Binds.uuid(t.orgId()))
                        .bind(2, Binds.bytes(t.accessToken()))
                        .bind(3, Binds.bytes(t.refreshToken()))
                        .bind(4, Binds.instant(t.updatedAt()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The connector account");
        }
      }

      @Override
      public Optional<AccountTokens> tokens(UUID accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return step(
            "connector_tokens.find",
            () ->
                select(sql.tokensFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(accountId))
                    .map((rs, ctx) -> accountTokens(rs))
                    .findOne());
      }

      // ------------------------------------------------------------ single-flight refresh

      @Override
      public Optional<AccountTokens> lockTokens(UUID accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return step(
            "connector_tokens.lock",
            () ->
                select(sql.tokensLock)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(accountId))
                    .map((rs, ctx) -> accountTokens(rs))
                    .findOne());
      }

      @Override
      public boolean deleteTokens(UUID accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return step(
                "connector_tokens.delete",
                () ->
                    change(sql.tokensDelete)
                        .bind(0, Binds.uuid(org))
                        .bind(1, Binds.uuid(accountId))
                        .execute())
            > 0;
      }

      @Override
      public List<AccountTokens> allTokens() {
        return step(
            "connector_tokens.all",
            () ->
                select(sql.tokensAll)
                    .bind(0, Binds.uuid(org))
                    .map((rs, ctx) -> accountTokens(rs))
                    .list());
      }
    };
  }

  @Override
  public OAuthStateRepository oauthStates() {
    return new OAuthStateRepository() {
      @Override
      public void insert(OAuthState st) {
        requireOrg(st.orgId(), "the OAuth state");
        guarded(
            "oauth_states.insert",
            () ->
                change(sql.oauthInsert)
                    .bind(0, Binds.text(st.stateHash()))
                    .bind(1, Binds.uuid(st.orgId()))
                    .bind(2, Binds.uuid(st.userId()))
                    .bind(3, Binds.text(st.provider()))
                    .bind(4, Binds.text(st.codeVerifier()))
                    .bind(5, Binds.text(st.redirectUri().toString()))
                    .bind(6, Binds.instant(st.createdAt()))
                    .bind(7, Binds.instant(st.expiresAt()))
                    .bind(8, Binds.instant(st.consumedAt()))
                    .execute());
      }

      @Override
      public Optional<OAuthState> find(String stateHash) {
        Objects.requireNonNull(stateHash, "stateHash");
        return step(
            "oauth_states.find",
            () ->
                select(sql.oauthFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(stateHash))
                    .map((rs, ctx) -> oauthState(rs))
                    .findOne());
      }

      @Override
      public boolean consume(String stateHash, Instant at) {
        Objects.requireNonNull(stateHash, "stateHash");
        return step(
                "oauth_states.consume",
                () ->
                    change(sql.oauthConsume)
                        .bind(0, Binds.instant(at))
                        .bind(1, Binds.uuid(org))
                        .bind(2, Binds.text(stateHash))
                        .execute())
            > 0;
      }

      // ------------------------------------------------------------ purge (issue 9)

      @Override
      public int purge(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1 || limit > 1000) {
          throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        return step(
            "oauth_states.purge",
            () ->
                change(sql.oauthPurge)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(org))
                    .bind(2, Binds.instant(now))
                    .bind(3, Binds.integer(limit))
                    .execute());
      }
    };
  }

  private static ConnectorAccount connectorAccount(ResultSet rs) throws SQLException {
    String scopes = rs.getString("scopes");
    return new ConnectorAccount(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        rs.getString("account_ref"),
        rs.getString("provider"),
        rs.getString("external_account_id"),
        rs.getString("display_name"),
        scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")),
        HealthStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getString("status_detail"),
        Binds.nullableInstant(rs, "last_checked_at"),
        Binds.nullableInstant(rs, "token_expires_at"),
        Binds.instant(rs, "created_at"),
        Binds.instant(rs, "updated_at"));
  }

  private static AccountTokens accountTokens(ResultSet rs) throws SQLException {
    return new AccountTokens(
        Binds.uuid(rs, "account_id"),
        Binds.uuid(rs, "org_id"),
        rs.getBytes("access_token"),
        rs.getBytes("refresh_token"),
        Binds.instant(rs, "updated_at"));
  }

  private static OAuthState oauthState(ResultSet rs) throws SQLException {
    return new OAuthState(
        rs.getString("state_hash"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "user_id"),
        rs.getString("provider"),
        rs.getString("code_verifier"),
        URI.create(rs.getString("redirect_uri")),
        Binds.instant(rs, "created_at"),
        Binds.instant(rs, "expires_at"),
        Binds.nullableInstant(rs, "consumed_at"));
  }

  @Override
  public RoutingRepository routing() {
    return new RoutingRepository() {
      @Override
      public void lock() {
        step(
            "routing.lock",
            () -> {
              change(sql.routingStateEnsure).bind(0, Binds.uuid(org)).execute();
              return select(sql.routingStateLock).bind(0, Binds.uuid(org)).mapTo(UUID.class).one();
            });
      }

      @Override
      public void insertAgent(ai.omniflow.routing.Agent a) {
        int rows =
            step(
                "routing.insertAgent",
                () ->
                    change(sql.agentInsert)
                        .bind(0, Binds.uuid(a.id()))
                        .bind(1, Binds.uuid(org))
                        .bind(2, Binds.uuid(a.userId()))
                        .bind(3, Binds.text(a.name()))
                        .bind(4, Binds.bool(a.active()))
                        .bind(5, Binds.integer(a.weight()))
                        .bind(6, Binds.integer(a.capacity()))
                        .bind(7, Binds.texts(a.languages()))
                        .bind(8, Binds.text(availabilityJson(a)))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict("agent_exists", "The agent exists already.");
        }
      }

      @Override
      public void updateAgent(ai.omniflow.routing.Agent a) {
        int rows =
            step(
                "routing.updateAgent",
                () ->
                    change(sql.agentUpdate)
                        .bind(0, Binds.uuid(a.userId()))
                        .bind(1, Binds.text(a.name()))
                        .bind(2, Binds.bool(a.active()))
                        .bind(3, Binds.integer(a.weight()))
                        .bind(4, Binds.integer(a.capacity()))
                        .bind(5, Binds.texts(a.languages()))
                        .bind(6, Binds.text(availabilityJson(a)))
                        .bind(7, Binds.uuid(org))
                        .bind(8, Binds.uuid(a.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The agent");
        }
      }

      @Override
      public Optional<ai.omniflow.routing.Agent> findAgent(UUID agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return step(
            "routing.findAgent",
            () ->
                select(sql.agentFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(agentId))
                    .map((rs, ctx) -> agent(rs))
                    .findOne());
      }

      @Override
      public List<ai.omniflow.routing.Agent> agents() {
        return step(
            "routing.agents",
            () ->
                select(sql.agentList).bind(0, Binds.uuid(org)).map((rs, ctx) -> agent(rs)).list());
      }

      @Override
      public void insertGroup(ai.omniflow.routing.RoutingGroup g) {
        int rows =
            step(
                "routing.insertGroup",
                () ->
                    change(sql.groupInsert)
                        .bind(0, Binds.uuid(org))
                        .bind(1, Binds.text(g.key()))
                        .bind(2, Binds.text(g.name()))
                        .bind(3, Binds.text(g.policy().key()))
                        .bind(4, Binds.uuids(g.members()))
                        .bind(5, Binds.text(g.offerTimeout().toString()))
                        .bind(6, Binds.text(g.fallback()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict(
              "group_exists", "The org has a routing group '" + g.key() + "' already.");
        }
      }

      @Override
      public void updateGroup(ai.omniflow.routing.RoutingGroup g) {
        int rows =
            step(
                "routing.updateGroup",
                () ->
                    change(sql.groupUpdate)
                        .bind(0, Binds.text(g.name()))
                        .bind(1, Binds.text(g.policy().key()))
                        .bind(2, Binds.uuids(g.members()))
                        .bind(3, Binds.text(g.offerTimeout().toString()))
                        .bind(4, Binds.text(g.fallback()))
                        .bind(5, Binds.uuid(org))
                        .bind(6, Binds.text(g.key()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The routing group");
        }
      }

      @Override
      public Optional<ai.omniflow.routing.RoutingGroup> findGroup(String key) {
        Objects.requireNonNull(key, "key");
        return step(
            "routing.findGroup",
            () ->
                select(sql.groupFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(key))
                    .map((rs, ctx) -> group(rs))
                    .findOne());
      }

      @Override
      public List<ai.omniflow.routing.RoutingGroup> groups() {
        return step(
            "routing.groups",
            () ->
                select(sql.groupList).bind(0, Binds.uuid(org)).map((rs, ctx) -> group(rs)).list());
      }

      @Override
      public Optional<ai.omniflow.routing.RoutingConfig> config() {
        return step(
            "routing.config",
            () ->
                select(sql.routingConfigFind)
                    .bind(0, Binds.uuid(org))
                    .map(
                        (rs, ctx) ->
                            ai.omniflow.routing.RoutingJson.config(
                                Objects.requireNonNull(json.read(rs.getString("config")))))
                    .findOne());
      }

      @Override
      public void saveConfig(ai.omniflow.routing.@Nullable RoutingConfig config) {
        step(
            "routing.saveConfig",
            () ->
                config == null
                    ? change(sql.routingConfigDelete).bind(0, Binds.uuid(org)).execute()
                    : change(sql.routingConfigSave)
                        .bind(0, Binds.uuid(org))
                        .bind(
                            1,
                            Binds.text(json.write(ai.omniflow.routing.RoutingJson.toJson(config))))
                        .execute());
      }

      @Override
      public List<ai.omniflow.routing.RoutingCounter> counters() {
        return step(
            "routing.counters",
            () ->
                select(sql.counterList)
                    .bind(0, Binds.uuid(org))
                    .map(
                        (rs, ctx) ->
                            new ai.omniflow.routing.RoutingCounter(
                                rs.getString("group_key"),
                                Binds.uuid(rs, "agent_id"),
                                rs.getLong("assigned")))
                    .list());
      }

      @Override
      public void incrementCounter(String group, UUID agent) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(agent, "agent");
        step(
            "routing.incrementCounter",
            () ->
                change(sql.counterIncrement)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(group))
                    .bind(2, Binds.uuid(agent))
                    .execute());
      }
    };
  }

  private @Nullable String availabilityJson(ai.omniflow.routing.Agent a) {
    return json.write(ai.omniflow.routing.RoutingJson.toJson(a.availability()));
  }

  private ai.omniflow.routing.Agent agent(ResultSet rs) throws SQLException {
    return new ai.omniflow.routing.Agent(
        Binds.uuid(rs, "id"),
        Binds.nullableUuid(rs, "user_id"),
        rs.getString("name"),
        rs.getBoolean("active"),
        rs.getInt("weight"),
        rs.getInt("capacity"),
        java.util.Set.copyOf(Binds.texts(rs, "languages")),
        ai.omniflow.routing.RoutingJson.availability(
            Objects.requireNonNull(json.read(rs.getString("availability")))));
  }

  private static ai.omniflow.routing.RoutingGroup group(ResultSet rs) throws SQLException {
    return new ai.omniflow.routing.RoutingGroup(
        rs.getString("key"),
        rs.getString("name"),
        Objects.requireNonNull(ai.omniflow.routing.RoutingPolicy.of(rs.getString("policy"))),
        Binds.uuids(rs, "member_ids"),
        java.time.Duration.parse(rs.getString("offer_timeout")),
        rs.getString("fallback_key"));
  }

  @Override
  public ContactRepository contacts() {
    return new ContactRepository() {
      @Override
      public void insert(Contact c) {
        requireOrg(c.orgId(), "the contact");
        int rows =
            step(
                "contacts.insert",
                () ->
                    change(sql.contactInsert)
                        .bind(0, Binds.uuid(c.id()))
                        .bind(1, Binds.uuid(c.orgId()))
                        .bind(2, Binds.text(c.displayName()))
                        .bind(3, Binds.instant(c.createdAt()))
                        .bind(4, Binds.instant(c.updatedAt()))
                        .bind(5, Binds.uuid(c.mergedIntoId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.conflict("contact_exists", "The contact exists already.");
        }
      }

      @Override
      public void update(Contact c) {
        requireOrg(c.orgId(), "the contact");
        int rows =
            guarded(
                "contacts.update",
                () ->
                    change(sql.contactUpdate)
                        .bind(0, Binds.text(c.displayName()))
                        .bind(1, Binds.instant(c.createdAt()))
                        .bind(2, Binds.instant(c.updatedAt()))
                        .bind(3, Binds.uuid(c.mergedIntoId()))
                        .bind(4, Binds.uuid(org))
                        .bind(5, Binds.uuid(c.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The contact");
        }
      }

      @Override
      public Optional<Contact> find(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "contacts.find",
            () ->
                select(sql.contactFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .map((rs, ctx) -> contact(rs))
                    .findOne());
      }

      @Override
      public Optional<Contact> lock(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "contacts.lock",
            () ->
                select(sql.contactLock)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .map((rs, ctx) -> contact(rs))
                    .findOne());
      }

      @Override
      public Page<Contact> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return step(
            "contacts.list",
            () -> {
              long total = count(sql.contactCount);
              List<Contact> items =
                  select(sql.contactList)
                      .bind(0, Binds.uuid(org))
                      .bind(1, Binds.integer(page.limit()))
                      .bind(2, Binds.integer(page.offset()))
                      .map((rs, ctx) -> contact(rs))
                      .list();
              return Page.of(items, page, total);
            });
      }

      @Override
      public void insertIdentity(Identity i) {
        requireOrg(i.orgId(), "the identity");
        // A savepoint: a unique violation is how a concurrent resolve shows, and the caller
        // decides what to do about it.
        int rows =
            guarded(
                "contact_identities.insert",
                () ->
                    change(sql.identityInsert)
                        .bind(0, Binds.uuid(i.id()))
                        .bind(1, Binds.uuid(i.orgId()))
                        .bind(2, Binds.uuid(i.contactId()))
                        .bind(3, Binds.text(i.kind().wireName()))
                        .bind(4, Binds.text(i.handle()))
                        .bind(5, Binds.text(i.normalizedValue()))
                        .bind(6, Binds.instant(i.firstSeenAt()))
                        .bind(7, Binds.instant(i.lastSeenAt()))
                        .bind(8, Binds.uuid(org))
                        .bind(9, Binds.uuid(i.contactId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The contact");
        }
      }

      @Override
      public void updateIdentity(Identity i) {
        requireOrg(i.orgId(), "the identity");
        int rows =
            guarded(
                "contact_identities.update",
                () ->
                    change(sql.identityUpdate)
                        .bind(0, Binds.uuid(i.contactId()))
                        .bind(1, Binds.text(i.handle()))
                        .bind(2, Binds.instant(i.firstSeenAt()))
                        .bind(3, Binds.instant(i.lastSeenAt()))
                        .bind(4, Binds.uuid(org))
                        .bind(5, Binds.uuid(i.id()))
                        .bind(6, Binds.uuid(org))
                        .bind(7, Binds.uuid(i.contactId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The identity");
        }
      }

      @Override
      public Optional<Identity> findIdentity(IdentityKind kind, String normalizedValue) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalizedValue, "normalizedValue");
        return step(
            "contact_identities.find",
            () ->
                select(sql.identityFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(kind.wireName()))
                    .bind(2, Binds.text(normalizedValue))
                    .map((rs, ctx) -> identity(rs))
                    .findOne());
      }

      @Override
      public List<Identity> identities(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "contact_identities.list",
            () ->
                select(sql.identityList)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .map((rs, ctx) -> identity(rs))
                    .list());
      }
    };
  }

  @Override
  public ContactMergeRepository contactMerges() {
    return new ContactMergeRepository() {
      @Override
      public void insert(ContactMerge m) {
        requireOrg(m.orgId(), "the contact merge");
        int rows =
            guarded(
                "contact_merges.insert",
                () ->
                    change(sql.mergeInsert)
                        .bind(0, Binds.uuid(m.id()))
                        .bind(1, Binds.uuid(m.orgId()))
                        .bind(2, Binds.uuid(m.survivorId()))
                        .bind(3, Binds.uuid(m.mergedId()))
                        .bind(4, Binds.uuids(m.movedIdentityIds()))
                        .bind(5, Binds.text(m.reason()))
                        .bind(6, Binds.bool(m.automatic()))
                        .bind(7, Binds.instant(m.mergedAt()))
                        .bind(8, Binds.uuid(m.mergedByUserId()))
                        .bind(9, Binds.instant(m.unmergedAt()))
                        .bind(10, Binds.uuid(org))
                        .bind(11, Binds.uuid(m.survivorId()))
                        .bind(12, Binds.uuid(m.mergedId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The contact");
        }
      }

      @Override
      public Optional<ContactMerge> find(UUID mergeId) {
        Objects.requireNonNull(mergeId, "mergeId");
        return step(
            "contact_merges.find",
            () ->
                select(sql.mergeFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(mergeId))
                    .map((rs, ctx) -> contactMerge(rs))
                    .findOne());
      }

      @Override
      public boolean markUndone(UUID mergeId, Instant at) {
        Objects.requireNonNull(mergeId, "mergeId");
        Objects.requireNonNull(at, "at");
        return step(
                "contact_merges.undo",
                () ->
                    change(sql.mergeUndo)
                        .bind(0, Binds.instant(at))
                        .bind(1, Binds.uuid(org))
                        .bind(2, Binds.uuid(mergeId))
                        .execute())
            > 0;
      }

      @Override
      public List<ContactMerge> listFor(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "contact_merges.list_for",
            () ->
                select(sql.mergeListFor)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .bind(2, Binds.uuid(contactId))
                    .map((rs, ctx) -> contactMerge(rs))
                    .list());
      }
    };
  }

  private static Contact contact(ResultSet rs) throws SQLException {
    return new Contact(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        rs.getString("display_name"),
        Binds.instant(rs, "created_at"),
        Binds.instant(rs, "updated_at"),
        Binds.nullableUuid(rs, "merged_into_id"));
  }

  private static Identity identity(ResultSet rs) throws SQLException {
    return new Identity(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "contact_id"),
        IdentityKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getString("handle"),
        rs.getString("normalized_value"),
        Binds.instant(rs, "first_seen_at"),
        Binds.instant(rs, "last_seen_at"));
  }

  private static ContactMerge contactMerge(ResultSet rs) throws SQLException {
    return new ContactMerge(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "survivor_id"),
        Binds.uuid(rs, "merged_id"),
        Binds.uuids(rs, "moved_identity_ids"),
        rs.getString("reason"),
        rs.getBoolean("automatic"),
        Binds.instant(rs, "merged_at"),
        Binds.nullableUuid(rs, "merged_by_user_id"),
        Binds.nullableInstant(rs, "unmerged_at"));
  }

  @Override
  public InboxRepository inbox() {
    return new InboxRepository() {
      @Override
      public void insertReceipt(String dedupeKey, IngestResult r, Instant receivedAt) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        requireOpen();
        // A savepoint: a unique violation is how a concurrent ingest of the same event shows.
        guarded(
            "ingest_receipts.insert",
            () ->
                change(sql.receiptInsert)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(dedupeKey))
                    .bind(2, Binds.uuid(r.contactId()))
                    .bind(3, Binds.uuid(r.threadId()))
                    .bind(4, Binds.uuid(r.messageId()))
                    .bind(5, Binds.uuid(r.touchpointId()))
                    .bind(6, Binds.instant(receivedAt))
                    .execute());
      }

      @Override
      public Optional<IngestResult> findReceipt(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        return step(
            "ingest_receipts.find",
            () ->
                select(sql.receiptFind)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(dedupeKey))
                    .map(
                        (rs, ctx) ->
                            new IngestResult(
                                Binds.nullableUuid(rs, "contact_id"),
                                Binds.nullableUuid(rs, "thread_id"),
                                Binds.nullableUuid(rs, "message_id"),
                                Binds.nullableUuid(rs, "touchpoint_id"),
                                false))
                    .findOne());
      }

      @Override
      public void insertThread(InboxThread t) {
        requireOrg(t.orgId(), "the thread");
        int rows =
            guarded(
                "inbox_threads.insert",
                () ->
                    change(sql.threadInsert)
                        .bind(0, Binds.uuid(t.id()))
                        .bind(1, Binds.uuid(t.orgId()))
                        .bind(2, Binds.uuid(t.contactId()))
                        .bind(3, Binds.text(t.channel().id()))
                        .bind(4, Binds.text(t.accountRef()))
                        .bind(5, Binds.text(t.externalKey()))
                        .bind(6, Binds.text(t.status().wireName()))
                        .bind(7, Binds.uuid(t.assigneeUserId()))
                        .bind(8, Binds.instant(t.lastInboundAt()))
                        .bind(9, Binds.instant(t.lastOutboundAt()))
                        .bind(10, Binds.instant(t.lastActivityAt()))
                        .bind(11, Binds.integer(t.unreadCount()))
                        .bind(12, Binds.instant(t.createdAt()))
                        .bind(13, Binds.instant(t.updatedAt()))
                        .bind(14, Binds.uuid(org))
                        .bind(15, Binds.uuid(t.contactId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The contact");
        }
      }

      @Override
      public void updateThread(InboxThread t) {
        requireOrg(t.orgId(), "the thread");
        int rows =
            guarded(
                "inbox_threads.update",
                () ->
                    change(sql.threadUpdate)
                        .bind(0, Binds.text(t.status().wireName()))
                        .bind(1, Binds.uuid(t.assigneeUserId()))
                        .bind(2, Binds.instant(t.lastInboundAt()))
                        .bind(3, Binds.instant(t.lastOutboundAt()))
                        .bind(4, Binds.instant(t.lastActivityAt()))
                        .bind(5, Binds.integer(t.unreadCount()))
                        .bind(6, Binds.instant(t.updatedAt()))
                        .bind(7, Binds.uuid(org))
                        .bind(8, Binds.uuid(t.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The thread");
        }
      }

      @Override
      public Optional<InboxThread> findThread(UUID threadId) {
        return oneThread("inbox_threads.find", sql.threadFind, threadId);
      }

      @Override
      public Optional<InboxThread> lockThread(UUID threadId) {
        return oneThread("inbox_threads.lock", sql.threadLock, threadId);
      }

      private Optional<InboxThread> oneThread(String op, String statement, UUID threadId) {
        Objects.requireNonNull(threadId, "threadId");
        return step(
            op,
            () ->
                select(statement)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(threadId))
                    .map((rs, ctx) -> thread(rs))
                    .findOne());
      }

      @Override
      public Optional<InboxThread> lockThreadByKey(
          Channel channel, @Nullable String accountRef, String externalKey) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalKey, "externalKey");
        return step(
            "inbox_threads.lock_by_key",
            () ->
                select(sql.threadLockByKey)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(channel.id()))
                    .bind(2, Binds.text(accountRef == null ? "" : accountRef))
                    .bind(3, Binds.text(externalKey))
                    .map((rs, ctx) -> thread(rs))
                    .findOne());
      }

      private <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindFilter(
          Q q, ThreadFilter f) {
        String status = f.status() == null ? null : f.status().wireName();
        String channel = f.channel() == null ? null : f.channel().id();
        return q.bind(0, Binds.uuid(org))
            .bind(1, Binds.text(status))
            .bind(2, Binds.text(status))
            .bind(3, Binds.text(channel))
            .bind(4, Binds.text(channel))
            .bind(5, Binds.uuid(f.assigneeUserId()))
            .bind(6, Binds.uuid(f.assigneeUserId()))
            .bind(7, Binds.uuid(f.contactId()))
            .bind(8, Binds.uuid(f.contactId()))
            .bind(9, Binds.bool(f.unassigned()));
      }

      @Override
      public Page<InboxThread> threads(ThreadFilter filter, PageRequest page) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        return step(
            "inbox_threads.list",
            () -> {
              long total = bindFilter(select(sql.threadCount), filter).mapTo(Long.class).one();
              List<InboxThread> items =
                  bindFilter(select(sql.threadList), filter)
                      .bind(10, Binds.integer(page.limit()))
                      .bind(11, Binds.integer(page.offset()))
                      .map((rs, ctx) -> thread(rs))
                      .list();
              return Page.of(items, page, total);
            });
      }

      @Override
      public void insertMessage(Message m) {
        requireOrg(m.orgId(), "the message");
        List<Map<String, @Nullable Object>> attachments = new ArrayList<>();
        for (Attachment a : m.attachments()) {
          Map<String, @Nullable Object> o = new LinkedHashMap<>();
          o.put("kind", a.kind());
          o.put("url", a.url());
          o.put("name", a.name());
          attachments.add(o);
        }
        int rows =
            guarded(
                "inbox_messages.insert",
                () ->
                    change(sql.messageInsert)
                        .bind(0, Binds.uuid(m.id()))
                        .bind(1, Binds.uuid(m.orgId()))
                        .bind(2, Binds.uuid(m.threadId()))
                        .bind(3, Binds.text(m.direction().wireName()))
                        .bind(4, Binds.text(m.text()))
                        .bind(5, Binds.text(json.writeList(attachments)))
                        .bind(6, Binds.text(m.providerMessageId()))
                        .bind(7, Binds.text(delivery(m.deliveryStatus())))
                        .bind(8, Binds.text(m.failureReason()))
                        .bind(9, Binds.uuid(m.authorUserId()))
                        .bind(10, Binds.instant(m.sentAt()))
                        .bind(11, Binds.instant(m.createdAt()))
                        .bind(12, Binds.uuid(org))
                        .bind(13, Binds.uuid(m.threadId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The thread");
        }
      }

      @Override
      public void updateDelivery(Message m) {
        requireOrg(m.orgId(), "the message");
        int rows =
            guarded(
                "inbox_messages.update_delivery",
                () ->
                    change(sql.messageUpdateDelivery)
                        .bind(0, Binds.text(delivery(m.deliveryStatus())))
                        .bind(1, Binds.text(m.failureReason()))
                        .bind(2, Binds.uuid(org))
                        .bind(3, Binds.uuid(m.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The message");
        }
      }

      @Override
      public Optional<Message> findOutbound(String providerMessageId) {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        return step(
            "inbox_messages.find_outbound",
            () ->
                select(sql.messageFindOutbound)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.text(providerMessageId))
                    .map((rs, ctx) -> message(rs))
                    .findOne());
      }

      @Override
      public Page<Message> messages(UUID threadId, PageRequest page) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(page, "page");
        return step(
            "inbox_messages.list",
            () -> {
              long total =
                  select(sql.messageCount)
                      .bind(0, Binds.uuid(org))
                      .bind(1, Binds.uuid(threadId))
                      .mapTo(Long.class)
                      .one();
              List<Message> items =
                  select(sql.messageList)
                      .bind(0, Binds.uuid(org))
                      .bind(1, Binds.uuid(threadId))
                      .bind(2, Binds.integer(page.limit()))
                      .bind(3, Binds.integer(page.offset()))
                      .map((rs, ctx) -> message(rs))
                      .list();
              return Page.of(items, page, total);
            });
      }

      @Override
      public List<ai.omniflow.inbox.ContactMessage> contactMessages(UUID contactId, int limit) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "inbox_messages.of_contact",
            () ->
                select(sql.contactMessages)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .bind(2, Binds.uuid(org))
                    .bind(3, Binds.integer(limit))
                    .map(
                        (rs, ctx) ->
                            new ai.omniflow.inbox.ContactMessage(
                                message(rs), Channel.fromId(rs.getString("channel"))))
                    .list());
      }

      @Override
      public void insertTouchpoint(Touchpoint t) {
        requireOrg(t.orgId(), "the touchpoint");
        int rows =
            guarded(
                "touchpoints.insert",
                () ->
                    change(sql.touchpointInsert)
                        .bind(0, Binds.uuid(t.id()))
                        .bind(1, Binds.uuid(t.orgId()))
                        .bind(2, Binds.uuid(t.contactId()))
                        .bind(3, Binds.text(t.channel().id()))
                        .bind(4, Binds.text(t.campaignId()))
                        .bind(5, Binds.text(t.adId()))
                        .bind(6, Binds.text(t.postId()))
                        .bind(7, Binds.instant(t.occurredAt()))
                        .bind(8, Binds.uuid(t.sourceMessageId()))
                        .bind(9, Binds.uuid(t.threadId()))
                        .bind(10, Binds.uuid(org))
                        .bind(11, Binds.uuid(t.contactId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The contact");
        }
      }

      @Override
      public void insertDraft(ai.omniflow.inbox.Draft d) {
        requireOrg(d.orgId(), "the draft");
        int rows =
            guarded(
                "inbox_drafts.insert",
                () ->
                    change(sql.draftInsert)
                        .bind(0, Binds.uuid(d.id()))
                        .bind(1, Binds.uuid(d.orgId()))
                        .bind(2, Binds.uuid(d.threadId()))
                        .bind(3, Binds.text(d.text()))
                        .bind(4, Binds.uuid(d.authorUserId()))
                        .bind(5, Binds.instant(d.createdAt()))
                        .bind(6, Binds.uuid(org))
                        .bind(7, Binds.uuid(d.threadId()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The thread");
        }
      }

      @Override
      public Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId) {
        Objects.requireNonNull(draftId, "draftId");
        return step(
            "inbox_drafts.lock",
            () ->
                select(sql.draftLock)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(draftId))
                    .map((rs, ctx) -> draft(rs))
                    .findOne());
      }

      @Override
      public void markDraftSent(ai.omniflow.inbox.Draft d) {
        requireOrg(d.orgId(), "the draft");
        int rows =
            guarded(
                "inbox_drafts.mark_sent",
                () ->
                    change(sql.draftMarkSent)
                        .bind(0, Binds.uuid(d.sentMessageId()))
                        .bind(1, Binds.instant(d.sentAt()))
                        .bind(2, Binds.uuid(org))
                        .bind(3, Binds.uuid(d.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The draft");
        }
      }

      @Override
      public void markOptedOut(UUID contactId, Instant at) {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(at, "at");
        guarded(
            "contact_opt_outs.insert",
            () ->
                change(sql.optOutInsert)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .bind(2, Binds.instant(at))
                    .bind(3, Binds.uuid(org))
                    .bind(4, Binds.uuid(contactId))
                    .execute());
      }

      @Override
      public boolean isOptedOut(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "contact_opt_outs.find",
            () ->
                select(sql.optOutFind)
                        .bind(0, Binds.uuid(org))
                        .bind(1, Binds.uuid(contactId))
                        .mapTo(Long.class)
                        .one()
                    > 0);
      }

      @Override
      public List<Touchpoint> touchpoints(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return step(
            "touchpoints.list",
            () ->
                select(sql.touchpointList)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.uuid(contactId))
                    .map((rs, ctx) -> touchpoint(rs))
                    .list());
      }

      // ------------------------------------------------------------ send claims (issue 9)

      @Override
      public void updateDraftState(ai.omniflow.inbox.Draft d) {
        requireOrg(d.orgId(), "the draft");
        if (d.status() == ai.omniflow.inbox.DraftStatus.SENT) {
          throw new IllegalArgumentException("use markDraftSent to mark a draft sent");
        }
        int rows =
            guarded(
                "inbox_drafts.update_state",
                () ->
                    change(sql.draftUpdateState)
                        .bind(0, Binds.text(d.status().wireName()))
                        .bind(1, Binds.instant(d.claimedAt()))
                        .bind(2, Binds.text(d.lastError()))
                        .bind(3, Binds.uuid(org))
                        .bind(4, Binds.uuid(d.id()))
                        .execute());
        if (rows == 0) {
          throw OmniFlowException.notFound("The draft");
        }
      }

      @Override
      public List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit) {
        Objects.requireNonNull(claimedBefore, "claimedBefore");
        if (limit < 1 || limit > 1000) {
          throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        return step(
            "inbox_drafts.stale_claims",
            () ->
                select(sql.draftStaleClaims)
                    .bind(0, Binds.uuid(org))
                    .bind(1, Binds.instant(claimedBefore))
                    .bind(2, Binds.integer(limit))
                    .map((rs, ctx) -> draft(rs))
                    .list());
      }
    };
  }

  private static @Nullable String delivery(@Nullable DeliveryStatus s) {
    return s == null ? null : s.name().toLowerCase(Locale.ROOT);
  }

  private static InboxThread thread(ResultSet rs) throws SQLException {
    return new InboxThread(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "contact_id"),
        Channel.fromId(rs.getString("channel")),
        rs.getString("account_ref"),
        rs.getString("external_key"),
        ThreadStatus.parse(rs.getString("status")),
        Binds.nullableUuid(rs, "assignee_user_id"),
        Binds.nullableInstant(rs, "last_inbound_at"),
        Binds.nullableInstant(rs, "last_outbound_at"),
        Binds.instant(rs, "last_activity_at"),
        rs.getInt("unread_count"),
        Binds.instant(rs, "created_at"),
        Binds.instant(rs, "updated_at"));
  }

  private Message message(ResultSet rs) throws SQLException {
    List<Attachment> attachments = new ArrayList<>();
    for (Map<String, @Nullable Object> o : json.readList(rs.getString("attachments"))) {
      attachments.add(
          new Attachment(
              String.valueOf(o.get("kind")),
              o.get("url") == null ? null : String.valueOf(o.get("url")),
              o.get("name") == null ? null : String.valueOf(o.get("name"))));
    }
    String status = rs.getString("delivery_status");
    return new Message(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "thread_id"),
        MessageDirection.parse(rs.getString("direction")),
        rs.getString("text"),
        attachments,
        rs.getString("provider_message_id"),
        status == null ? null : DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT)),
        rs.getString("failure_reason"),
        Binds.nullableUuid(rs, "author_user_id"),
        Binds.instant(rs, "sent_at"),
        Binds.instant(rs, "created_at"));
  }

  private static ai.omniflow.inbox.Draft draft(ResultSet rs) throws SQLException {
    return new ai.omniflow.inbox.Draft(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "thread_id"),
        rs.getString("text"),
        Binds.nullableUuid(rs, "author_user_id"),
        Binds.instant(rs, "created_at"),
        Binds.nullableUuid(rs, "sent_message_id"),
        Binds.nullableInstant(rs, "sent_at"),
        ai.omniflow.inbox.DraftStatus.parse(rs.getString("status")),
        Binds.nullableInstant(rs, "claimed_at"),
        rs.getString("last_error"));
  }

  private static Touchpoint touchpoint(ResultSet rs) throws SQLException {
    return new Touchpoint(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "contact_id"),
        Channel.fromId(rs.getString("channel")),
        rs.getString("campaign_id"),
        rs.getString("ad_id"),
        rs.getString("post_id"),
        Binds.instant(rs, "occurred_at"),
        Binds.nullableUuid(rs, "source_message_id"),
        Binds.nullableUuid(rs, "thread_id"));
  }

  UUID org() {
    return org;
  }

  JsonCodec json() {
    return json;
  }

  @Override
  public ai.omniflow.store.spi.LeadRepository leads() {
    return new JdbcLeads(this, sql.schema());
  }

  @Override
  public EventRepository events() {
    return new EventRepository() {
      @Override
      public void append(DomainEvent e) {
        requireOrg(e.orgId(), "the event");
        step(
            "events.append",
            () ->
                change(sql.eventInsert)
                    .bind(0, Binds.uuid(e.id()))
                    .bind(1, Binds.uuid(e.orgId()))
                    .bind(2, Binds.text(e.type()))
                    .bind(3, Binds.text(e.subjectType()))
                    .bind(4, Binds.text(e.subjectId()))
                    .bind(5, Binds.text(json.write(e.payload())))
                    .bind(6, Binds.instant(e.occurredAt()))
                    .bind(7, Binds.uuid(e.actorUserId()))
                    .bind(8, Binds.text(e.actorRole().wireName()))
                    .execute());
      }

      @Override
      public Page<DomainEvent> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return step(
            "events.list",
            () -> {
              long total = count(sql.eventCount);
              List<DomainEvent> items =
                  select(sql.eventList)
                      .bind(0, Binds.uuid(org))
                      .bind(1, Binds.integer(page.limit()))
                      .bind(2, Binds.integer(page.offset()))
                      .map((rs, ctx) -> event(rs))
                      .list();
              return Page.of(items, page, total);
            });
      }
    };
  }

  @Override
  public AuditRepository audit() {
    return new AuditRepository() {
      @Override
      public void append(AuditEntry a) {
        requireOrg(a.orgId(), "the audit entry");
        step(
            "audit.append",
            () ->
                change(sql.auditInsert)
                    .bind(0, Binds.uuid(a.id()))
                    .bind(1, Binds.uuid(a.orgId()))
                    .bind(2, Binds.uuid(a.actorUserId()))
                    .bind(3, Binds.text(a.actorRole().wireName()))
                    .bind(4, Binds.text(a.action()))
                    .bind(5, Binds.text(a.entityType()))
                    .bind(6, Binds.text(a.entityId()))
                    .bind(7, Binds.text(json.write(a.before())))
                    .bind(8, Binds.text(json.write(a.after())))
                    .bind(9, Binds.text(a.requestId()))
                    .bind(10, Binds.instant(a.occurredAt()))
                    .execute());
      }

      @Override
      public Page<AuditEntry> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return step(
            "audit.list",
            () -> {
              long total = count(sql.auditCount);
              List<AuditEntry> items =
                  select(sql.auditList)
                      .bind(0, Binds.uuid(org))
                      .bind(1, Binds.integer(page.limit()))
                      .bind(2, Binds.integer(page.offset()))
                      .map((rs, ctx) -> audit(rs))
                      .list();
              return Page.of(items, page, total);
            });
      }
    };
  }

  private long count(String statement) {
    return select(statement).bind(0, Binds.uuid(org)).mapTo(Long.class).one();
  }

  private static Org org(ResultSet rs) throws SQLException {
    return new Org(
        Binds.uuid(rs, "id"),
        rs.getString("name"),
        rs.getString("pack_slug"),
        rs.getString("pack_version"),
        Binds.instant(rs, "created_at"),
        rs.getString("default_region"));
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        Binds.uuid(rs, "id"),
        rs.getString("email"),
        rs.getString("display_name"),
        Binds.instant(rs, "created_at"));
  }

  private static Membership membership(ResultSet rs) throws SQLException {
    return new Membership(
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "user_id"),
        Role.parse(rs.getString("role")),
        Binds.instant(rs, "created_at"));
  }

  private static ApiKey apiKey(ResultSet rs) throws SQLException {
    return new ApiKey(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "user_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("secret_hash"),
        Binds.instant(rs, "created_at"),
        Binds.nullableInstant(rs, "revoked_at"),
        Binds.nullableUuid(rs, "issued_by_user_id"));
  }

  private DomainEvent event(ResultSet rs) throws SQLException {
    Map<String, @Nullable Object> payload = json.read(rs.getString("payload"));
    return new DomainEvent(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        rs.getString("type"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        payload == null ? Map.of() : payload,
        Binds.instant(rs, "occurred_at"),
        Binds.nullableUuid(rs, "actor_user_id"),
        Role.parse(rs.getString("actor_role")));
  }

  private AuditEntry audit(ResultSet rs) throws SQLException {
    return new AuditEntry(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.nullableUuid(rs, "actor_user_id"),
        Role.parse(rs.getString("actor_role")),
        rs.getString("action"),
        rs.getString("entity_type"),
        rs.getString("entity_id"),
        json.read(rs.getString("before")),
        json.read(rs.getString("after")),
        rs.getString("request_id"),
        Binds.instant(rs, "occurred_at"));
  }
}
