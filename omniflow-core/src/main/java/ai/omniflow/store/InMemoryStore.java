package ai.omniflow.store;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.ApiKeyRepository;
import ai.omniflow.store.spi.AuditRepository;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import ai.omniflow.store.spi.ContactMergeRepository;
import ai.omniflow.store.spi.ContactRepository;
import ai.omniflow.store.spi.EventRepository;
import ai.omniflow.store.spi.InboxRepository;
import ai.omniflow.store.spi.LeadRepository;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.store.spi.OAuthStateRepository;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.RoutingRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.store.spi.UserRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Store} that keeps everything in memory: for tests, demos and hosts that persist
 * elsewhere. Transactions are serialized by one lock; a failed transaction is undone step by step
 * from its undo log, so it leaves nothing behind. Tenant isolation is enforced the same way the
 * JDBC store's row-level security does it: every read and write is filtered by the transaction's
 * org.
 *
 * <pre>{@code
 * OmniFlow omniFlow = OmniFlow.builder().store(new InMemoryStore()).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements Store {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<UUID, Org> orgs = new HashMap<>();
  private final Map<UUID, User> users = new HashMap<>();

  /** The org that created each user, the only one that may change it (decision 0030). */
  private final Map<UUID, UUID> userOrgs = new HashMap<>();

  private final Map<List<UUID>, Membership> memberships = new LinkedHashMap<>();
  private final Map<UUID, ApiKey> apiKeys = new LinkedHashMap<>();
  private final List<Sequenced<DomainEvent>> events = new ArrayList<>();
  private final List<Sequenced<AuditEntry>> audit = new ArrayList<>();
  private final Map<UUID, ConnectorAccount> connectorAccounts = new LinkedHashMap<>();
  private final Map<UUID, AccountTokens> accountTokens = new HashMap<>();
  private final Map<String, OAuthState> oauthStates = new HashMap<>();
  private final Map<UUID, Contact> contacts = new LinkedHashMap<>();
  private final Map<UUID, Identity> identities = new LinkedHashMap<>();
  private final Map<UUID, ContactMerge> contactMerges = new LinkedHashMap<>();
  private final Map<List<Object>, IngestResult> receipts = new HashMap<>();
  private final Map<UUID, Sequenced<InboxThread>> threads = new LinkedHashMap<>();
  private final Map<UUID, Sequenced<Message>> messages = new LinkedHashMap<>();
  private final Map<UUID, Sequenced<Touchpoint>> touchpoints = new LinkedHashMap<>();
  private final Map<UUID, ai.omniflow.inbox.Draft> drafts = new LinkedHashMap<>();
  private final Map<List<UUID>, Instant> optOuts = new HashMap<>();
  private final Map<UUID, Sequenced<Lead>> leads = new LinkedHashMap<>();
  private final List<Sequenced<LeadScore>> leadScores = new ArrayList<>();
  private final Map<List<Object>, ModelRun> modelRuns = new LinkedHashMap<>();
  private final Map<UUID, ai.omniflow.leads.LeadOffer> offers = new LinkedHashMap<>();
  private final Map<UUID, Owned<ai.omniflow.routing.Agent>> agents = new LinkedHashMap<>();
  private final Map<List<Object>, ai.omniflow.routing.RoutingGroup> routingGroups =
      new LinkedHashMap<>();
  private final Map<UUID, ai.omniflow.routing.RoutingConfig> routingConfigs = new HashMap<>();
  private final Map<List<Object>, Long> routingCounters = new LinkedHashMap<>();
  private long sequence;

  private record Owned<T>(UUID org, T value) {}

  @Override
  public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      Tx tx = new Tx(actor);
      try {
        T result = work.run(tx);
        tx.open = false;
        return result;
      } catch (RuntimeException | Error e) {
        tx.open = false;
        tx.rollback();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<UUID> orgIds() {
    lock.lock();
    try {
      return orgs.values().stream()
          .sorted(Comparator.comparing(Org::createdAt).thenComparing(Org::id))
          .map(Org::id)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  private record Sequenced<T>(long seq, Instant at, T value) {}

  private final class Tx implements StoreTransaction {
    private final Actor actor;
    private final UUID org;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean open = true;

    Tx(Actor actor) {
      this.actor = actor;
      this.org = actor.orgId();
    }

    void rollback() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
    }

    private void requireOpen() {
      if (!open) {
        throw new IllegalStateException("the transaction has ended");
      }
    }

    private void requireOrg(UUID rowOrg, String what) {
      requireOpen();
      if (!org.equals(rowOrg)) {
        throw new IllegalArgumentException(what + " belongs to another org than the transaction");
      }
    }

    @Override
    public Actor actor() {
      return actor;
    }

    @Override
    public OrgRepository orgs() {
      return new OrgRepository() {
        @Override
        public Optional<Org> current() {
          requireOpen();
          return Optional.ofNullable(orgs.get(org));
        }

        @Override
        public void insert(Org o) {
          requireOrg(o.id(), "the org");
          if (orgs.containsKey(o.id())) {
            throw OmniFlowException.conflict("org_exists", "The org exists already.");
          }
          orgs.put(o.id(), o);
          undo.push(() -> orgs.remove(o.id()));
        }

        @Override
        public void update(Org o) {
          requireOrg(o.id(), "the org");
          Org old = orgs.get(o.id());
          if (old == null) {
            throw OmniFlowException.notFound("The org");
          }
          orgs.put(o.id(), o);
          undo.push(() -> orgs.put(o.id(), old));
        }
      };
    }

    @Override
    public UserRepository users() {
      return new UserRepository() {
        @Override
        public Optional<User> find(UUID userId) {
          requireOpen();
          if (!memberships.containsKey(List.of(org, userId))) {
            return Optional.empty();
          }
          return Optional.ofNullable(users.get(userId));
        }

        @Override
        public void insert(User user) {
          requireOpen();
          // Users are rows of the org that created them (decision 0030): an e-mail is unique within
          // that org only, so another org's users are neither revealed nor touched.
          boolean emailTaken =
              users.values().stream()
                  .anyMatch(
                      u -> u.email().equals(user.email()) && org.equals(userOrgs.get(u.id())));
          if (users.containsKey(user.id()) || emailTaken) {
            throw OmniFlowException.conflict(
                "user_exists", "A user with that id or e-mail exists in the org.");
          }
          users.put(user.id(), user);
          userOrgs.put(user.id(), org);
          undo.push(
              () -> {
                users.remove(user.id());
                userOrgs.remove(user.id());
              });
        }
      };
    }

    @Override
    public MembershipRepository memberships() {
      return new MembershipRepository() {
        @Override
        public Optional<Membership> find(UUID userId) {
          requireOpen();
          return Optional.ofNullable(memberships.get(List.of(org, userId)));
        }

        @Override
        public List<Membership> list() {
          requireOpen();
          return memberships.values().stream()
              .filter(m -> m.orgId().equals(org))
              .sorted(Comparator.comparing(Membership::createdAt))
              .toList();
        }

        @Override
        public void insert(Membership m) {
          requireOrg(m.orgId(), "the membership");
          List<UUID> key = List.of(m.orgId(), m.userId());
          if (memberships.containsKey(key)) {
            throw OmniFlowException.conflict("member_exists", "The user is a member already.");
          }
          if (!users.containsKey(m.userId())) {
            throw OmniFlowException.notFound("The user");
          }
          memberships.put(key, m);
          undo.push(() -> memberships.remove(key));
        }

        @Override
        public void update(Membership m) {
          requireOrg(m.orgId(), "the membership");
          List<UUID> key = List.of(m.orgId(), m.userId());
          Membership old = memberships.get(key);
          if (old == null) {
            throw OmniFlowException.notFound("The membership");
          }
          memberships.put(key, m);
          undo.push(() -> memberships.put(key, old));
        }

        // ------------------------------------------------------------ members API (issue 9)

        @Override
        public boolean delete(UUID userId) {
          requireOpen();
          List<UUID> key = List.of(org, userId);
          Membership old = memberships.remove(key);
          if (old == null) {
            return false;
          }
          undo.push(() -> memberships.put(key, old));
          return true;
        }
      };
    }

    @Override
    public ApiKeyRepository apiKeys() {
      return new ApiKeyRepository() {
        @Override
        public void insert(ApiKey key) {
          requireOrg(key.orgId(), "the API key");
          if (apiKeys.containsKey(key.id())) {
            throw OmniFlowException.conflict("api_key_exists", "The API key exists already.");
          }
          apiKeys.put(key.id(), key);
          undo.push(() -> apiKeys.remove(key.id()));
        }

        @Override
        public Optional<ApiKey> findByHash(String secretHash) {
          requireOpen();
          return apiKeys.values().stream()
              .filter(k -> k.orgId().equals(org) && k.secretHash().equals(secretHash))
              .findFirst();
        }

        @Override
        public List<ApiKey> list() {
          requireOpen();
          List<ApiKey> list =
              new ArrayList<>(
                  apiKeys.values().stream().filter(k -> k.orgId().equals(org)).toList());
          java.util.Collections.reverse(list);
          return list;
        }

        @Override
        public Optional<ApiKey> revoke(UUID keyId, Instant at) {
          requireOpen();
          ApiKey old = apiKeys.get(keyId);
          if (old == null || !old.orgId().equals(org)) {
            return Optional.empty();
          }
          if (old.isRevoked()) {
            return Optional.of(old);
          }
          ApiKey revoked = old.revokedAt(at);
          apiKeys.put(keyId, revoked);
          undo.push(() -> apiKeys.put(keyId, old));
          return Optional.of(revoked);
        }
      };
    }

    @Override
    public ConnectorAccountRepository connectorAccounts() {
      return new ConnectorAccountRepository() {
        @Override
        public void insert(ConnectorAccount account) {
          requireOrg(account.orgId(), "the connector account");
          boolean clash =
              connectorAccounts.values().stream()
                  .anyMatch(
                      a ->
                          a.id().equals(account.id())
                              || a.accountRef().equals(account.accountRef())
                              || (a.orgId().equals(org)
                                  && a.provider().equals(account.provider())
                                  && a.externalAccountId().equals(account.externalAccountId())));
          if (clash) {
            throw OmniFlowException.conflict(
                "connector_account_exists", "The connector account exists already.");
          }
          connectorAccounts.put(account.id(), account);
          undo.push(() -> connectorAccounts.remove(account.id()));
        }

        @Override
        public void update(ConnectorAccount account) {
          requireOrg(account.orgId(), "the connector account");
          ConnectorAccount old = connectorAccounts.get(account.id());
          if (old == null || !old.orgId().equals(org)) {
            throw OmniFlowException.notFound("The connector account");
          }
          connectorAccounts.put(account.id(), account);
          undo.push(() -> connectorAccounts.put(account.id(), old));
        }

        @Override
        public Optional<ConnectorAccount> findByRef(String accountRef) {
          requireOpen();
          return connectorAccounts.values().stream()
              .filter(a -> a.orgId().equals(org) && a.accountRef().equals(accountRef))
              .findFirst();
        }

        @Override
        public Optional<ConnectorAccount> findByExternalId(
            String provider, String externalAccountId) {
          requireOpen();
          return connectorAccounts.values().stream()
              .filter(
                  a ->
                      a.orgId().equals(org)
                          && a.provider().equals(provider)
                          && a.externalAccountId().equals(externalAccountId))
              .findFirst();
        }

        @Override
        public List<ConnectorAccount> list() {
          requireOpen();
          return connectorAccounts.values().stream()
              .filter(a -> a.orgId().equals(org))
              .sorted(Comparator.comparing(ConnectorAccount::createdAt))
              .toList();
        }

        @Override
        public void saveTokens(AccountTokens tokens) {
          requireOrg(tokens.orgId(), "the tokens");
          ConnectorAccount account = connectorAccounts.get(tokens.accountId());
          if (account == null || !account.orgId().equals(org)) {
            throw OmniFlowException.notFound("The connector account");
          }
          AccountTokens old = accountTokens.put(tokens.accountId(), tokens);
          undo.push(
              () -> {
                if (old == null) {
                  accountTokens.remove(tokens.accountId());
                } else {
                  accountTokens.put(tokens.accountId(), old);
                }
              });
        }

        @Override
        public Optional<AccountTokens> tokens(UUID accountId) {
          requireOpen();
          return Optional.ofNullable(accountTokens.get(accountId))
              .filter(t -> t.orgId().equals(org));
        }

        // ------------------------------------------------------------ single-flight refresh

        @Override
        public Optional<AccountTokens> lockTokens(UUID accountId) {
          return tokens(accountId); // transactions run one at a time here
        }

        @Override
        public boolean deleteTokens(UUID accountId) {
          requireOpen();
          AccountTokens old = accountTokens.get(accountId);
          if (old == null || !old.orgId().equals(org)) {
            return false;
          }
          accountTokens.remove(accountId);
          undo.push(() -> accountTokens.put(accountId, old));
          return true;
        }

        @Override
        public List<AccountTokens> allTokens() {
          requireOpen();
          return accountTokens.values().stream().filter(t -> t.orgId().equals(org)).toList();
        }
      };
    }

    @Override
    public OAuthStateRepository oauthStates() {
      return new OAuthStateRepository() {
        @Override
        public void insert(OAuthState state) {
          requireOrg(state.orgId(), "the OAuth state");
          if (oauthStates.containsKey(state.stateHash())) {
            throw OmniFlowException.conflict("oauth_state_exists", "The OAuth state exists.");
          }
          oauthStates.put(state.stateHash(), state);
          undo.push(() -> oauthStates.remove(state.stateHash()));
        }

        @Override
        public Optional<OAuthState> find(String stateHash) {
          requireOpen();
          return Optional.ofNullable(oauthStates.get(stateHash)).filter(s -> s.orgId().equals(org));
        }

        @Override
        public boolean consume(String stateHash, Instant at) {
          requireOpen();
          OAuthState old = oauthStates.get(stateHash);
          if (old == null || !old.orgId().equals(org) || old.consumedAt() != null) {
            return false;
          }
          oauthStates.put(
              stateHash,
              new OAuthState(
                  old.stateHash(),
                  old.orgId(),
                  old.userId(),
                  old.provider(),
                  null,
                  old.redirectUri(),
                  old.createdAt(),
                  old.expiresAt(),
                  at));
          undo.push(() -> oauthStates.put(stateHash, old));
          return true;
        }

        // ------------------------------------------------------------ purge (issue 9)

        @Override
        public int purge(Instant now, int limit) {
          requireOpen();
          if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
          }
          List<OAuthState> gone =
              oauthStates.values().stream()
                  .filter(
                      st ->
                          st.orgId().equals(org)
                              && (st.consumedAt() != null || !now.isBefore(st.expiresAt())))
                  .limit(limit)
                  .toList();
          for (OAuthState st : gone) {
            oauthStates.remove(st.stateHash());
            undo.push(() -> oauthStates.put(st.stateHash(), st));
          }
          return gone.size();
        }
      };
    }

    @Override
    public RoutingRepository routing() {
      return new RoutingRepository() {
        @Override
        public void lock() {
          requireOpen(); // transactions are serialized by the store's lock already
        }

        @Override
        public void insertAgent(ai.omniflow.routing.Agent a) {
          requireOpen();
          if (agents.containsKey(a.id())) {
            throw OmniFlowException.conflict("agent_exists", "The agent exists already.");
          }
          agents.put(a.id(), new Owned<>(org, a));
          undo.push(() -> agents.remove(a.id()));
        }

        @Override
        public void updateAgent(ai.omniflow.routing.Agent a) {
          requireOpen();
          Owned<ai.omniflow.routing.Agent> old = agents.get(a.id());
          if (old == null || !old.org().equals(org)) {
            throw OmniFlowException.notFound("The agent");
          }
          agents.put(a.id(), new Owned<>(org, a));
          undo.push(() -> agents.put(a.id(), old));
        }

        @Override
        public Optional<ai.omniflow.routing.Agent> findAgent(UUID agentId) {
          requireOpen();
          Owned<ai.omniflow.routing.Agent> o = agents.get(agentId);
          return o == null || !o.org().equals(org) ? Optional.empty() : Optional.of(o.value());
        }

        @Override
        public List<ai.omniflow.routing.Agent> agents() {
          requireOpen();
          return agents.values().stream()
              .filter(o -> o.org().equals(org))
              .map(Owned::value)
              .toList();
        }

        @Override
        public void insertGroup(ai.omniflow.routing.RoutingGroup g) {
          requireOpen();
          List<Object> key = List.of(org, g.key());
          if (routingGroups.containsKey(key)) {
            throw OmniFlowException.conflict(
                "group_exists", "The org has a routing group '" + g.key() + "' already.");
          }
          routingGroups.put(key, g);
          undo.push(() -> routingGroups.remove(key));
        }

        @Override
        public void updateGroup(ai.omniflow.routing.RoutingGroup g) {
          requireOpen();
          List<Object> key = List.of(org, g.key());
          ai.omniflow.routing.RoutingGroup old = routingGroups.get(key);
          if (old == null) {
            throw OmniFlowException.notFound("The routing group");
          }
          routingGroups.put(key, g);
          undo.push(() -> routingGroups.put(key, old));
        }

        @Override
        public Optional<ai.omniflow.routing.RoutingGroup> findGroup(String key) {
          requireOpen();
          return Optional.ofNullable(routingGroups.get(List.of(org, key)));
        }

        @Override
        public List<ai.omniflow.routing.RoutingGroup> groups() {
          requireOpen();
          return routingGroups.entrySet().stream()
              .filter(e -> e.getKey().get(0).equals(org))
              .map(Map.Entry::getValue)
              .toList();
        }

        @Override
        public Optional<ai.omniflow.routing.RoutingConfig> config() {
          requireOpen();
          return Optional.ofNullable(routingConfigs.get(org));
        }

        @Override
        public void saveConfig(ai.omniflow.routing.@Nullable RoutingConfig config) {
          requireOpen();
          ai.omniflow.routing.RoutingConfig old =
              config == null ? routingConfigs.remove(org) : routingConfigs.put(org, config);
          undo.push(
              () -> {
                if (old == null) {
                  routingConfigs.remove(org);
                } else {
                  routingConfigs.put(org, old);
                }
              });
        }

        @Override
        public List<ai.omniflow.routing.RoutingCounter> counters() {
          requireOpen();
          return routingCounters.entrySet().stream()
              .filter(e -> e.getKey().get(0).equals(org))
              .map(
                  e ->
                      new ai.omniflow.routing.RoutingCounter(
                          (String) e.getKey().get(1), (UUID) e.getKey().get(2), e.getValue()))
              .toList();
        }

        @Override
        public void incrementCounter(String group, UUID agent) {
          requireOpen();
          List<Object> key = List.of(org, group, agent);
          Long old = routingCounters.get(key);
          routingCounters.put(key, old == null ? 1 : old + 1);
          undo.push(
              () -> {
                if (old == null) {
                  routingCounters.remove(key);
                } else {
                  routingCounters.put(key, old);
                }
              });
        }
      };
    }

    @Override
    public ContactRepository contacts() {
      return new ContactRepository() {
        @Override
        public void insert(Contact c) {
          requireOrg(c.orgId(), "the contact");
          if (contacts.containsKey(c.id())) {
            throw OmniFlowException.conflict("contact_exists", "The contact exists already.");
          }
          contacts.put(c.id(), c);
          undo.push(() -> contacts.remove(c.id()));
        }

        @Override
        public void update(Contact c) {
          requireOrg(c.orgId(), "the contact");
          Contact old = contacts.get(c.id());
          if (old == null || !old.orgId().equals(org)) {
            throw OmniFlowException.notFound("The contact");
          }
          contacts.put(c.id(), c);
          undo.push(() -> contacts.put(c.id(), old));
        }

        @Override
        public Optional<Contact> find(UUID contactId) {
          requireOpen();
          return Optional.ofNullable(contacts.get(contactId)).filter(c -> c.orgId().equals(org));
        }

        @Override
        public Optional<Contact> lock(UUID contactId) {
          return find(contactId);
        }

        @Override
        public Page<Contact> list(PageRequest page) {
          requireOpen();
          List<Contact> standing =
              contacts.values().stream()
                  .filter(c -> c.orgId().equals(org) && !c.isMerged())
                  .sorted(Comparator.comparing(Contact::createdAt))
                  .toList();
          return Page.slice(standing, page);
        }

        @Override
        public void insertIdentity(Identity i) {
          requireOrg(i.orgId(), "the identity");
          boolean clash =
              identities.containsKey(i.id())
                  || identities.values().stream()
                      .anyMatch(
                          o ->
                              o.orgId().equals(org)
                                  && o.kind() == i.kind()
                                  && o.normalizedValue().equals(i.normalizedValue()));
          if (clash) {
            throw OmniFlowException.conflict(
                "identity_exists", "The org has an identity of that kind and value already.");
          }
          requireContact(i.contactId());
          identities.put(i.id(), i);
          undo.push(() -> identities.remove(i.id()));
        }

        @Override
        public void updateIdentity(Identity i) {
          requireOrg(i.orgId(), "the identity");
          Identity old = identities.get(i.id());
          if (old == null || !old.orgId().equals(org)) {
            throw OmniFlowException.notFound("The identity");
          }
          requireContact(i.contactId());
          // Kind and value are the identity's key: only its contact and times change.
          Identity kept =
              new Identity(
                  old.id(),
                  old.orgId(),
                  i.contactId(),
                  old.kind(),
                  i.handle(),
                  old.normalizedValue(),
                  i.firstSeenAt(),
                  i.lastSeenAt());
          identities.put(i.id(), kept);
          undo.push(() -> identities.put(i.id(), old));
        }

        private void requireContact(UUID contactId) {
          Contact c = contacts.get(contactId);
          if (c == null || !c.orgId().equals(org)) {
            throw OmniFlowException.notFound("The contact");
          }
        }

        @Override
        public Optional<Identity> findIdentity(IdentityKind kind, String normalizedValue) {
          requireOpen();
          return identities.values().stream()
              .filter(
                  i ->
                      i.orgId().equals(org)
                          && i.kind() == kind
                          && i.normalizedValue().equals(normalizedValue))
              .findFirst();
        }

        @Override
        public List<Identity> identities(UUID contactId) {
          requireOpen();
          return identities.values().stream()
              .filter(i -> i.orgId().equals(org) && i.contactId().equals(contactId))
              .sorted(Comparator.comparing(Identity::firstSeenAt))
              .toList();
        }
      };
    }

    @Override
    public ContactMergeRepository contactMerges() {
      return new ContactMergeRepository() {
        @Override
        public void insert(ContactMerge m) {
          requireOrg(m.orgId(), "the contact merge");
          if (contactMerges.containsKey(m.id())) {
            throw OmniFlowException.conflict(
                "contact_merge_exists", "The contact merge exists already.");
          }
          for (UUID contactId : List.of(m.survivorId(), m.mergedId())) {
            Contact c = contacts.get(contactId);
            if (c == null || !c.orgId().equals(org)) {
              throw OmniFlowException.notFound("The contact");
            }
          }
          contactMerges.put(m.id(), m);
          undo.push(() -> contactMerges.remove(m.id()));
        }

        @Override
        public Optional<ContactMerge> find(UUID mergeId) {
          requireOpen();
          return Optional.ofNullable(contactMerges.get(mergeId)).filter(m -> m.orgId().equals(org));
        }

        @Override
        public boolean markUndone(UUID mergeId, Instant at) {
          requireOpen();
          ContactMerge old = contactMerges.get(mergeId);
          if (old == null || !old.orgId().equals(org) || old.isUndone()) {
            return false;
          }
          contactMerges.put(mergeId, old.undoneAt(at));
          undo.push(() -> contactMerges.put(mergeId, old));
          return true;
        }

        @Override
        public List<ContactMerge> listFor(UUID contactId) {
          requireOpen();
          return contactMerges.values().stream()
              .filter(
                  m ->
                      m.orgId().equals(org)
                          && (m.survivorId().equals(contactId) || m.mergedId().equals(contactId)))
              .sorted(Comparator.comparing(ContactMerge::mergedAt))
              .toList();
        }
      };
    }

    @Override
    public InboxRepository inbox() {
      return new InboxRepository() {
        @Override
        public void insertReceipt(String dedupeKey, IngestResult result, Instant receivedAt) {
          requireOpen();
          List<Object> key = List.of(org, dedupeKey);
          if (receipts.containsKey(key)) {
            throw OmniFlowException.conflict(
                "ingest_exists", "The org has ingested an event with that dedupe key already.");
          }
          receipts.put(
              key,
              new IngestResult(
                  result.contactId(),
                  result.threadId(),
                  result.messageId(),
                  result.touchpointId(),
                  false));
          undo.push(() -> receipts.remove(key));
        }

        @Override
        public Optional<IngestResult> findReceipt(String dedupeKey) {
          requireOpen();
          return Optional.ofNullable(receipts.get(List.of(org, dedupeKey)));
        }

        @Override
        public void insertThread(InboxThread t) {
          requireOrg(t.orgId(), "the thread");
          boolean clash =
              threads.containsKey(t.id())
                  || threads.values().stream()
                      .map(Sequenced::value)
                      .anyMatch(
                          o ->
                              o.orgId().equals(org)
                                  && o.channel() == t.channel()
                                  && Objects.equals(o.accountRef(), t.accountRef())
                                  && o.externalKey().equals(t.externalKey()));
          if (clash) {
            throw OmniFlowException.conflict("thread_exists", "The thread exists already.");
          }
          requireContact(t.contactId());
          threads.put(t.id(), new Sequenced<>(++sequence, t.lastActivityAt(), t));
          undo.push(() -> threads.remove(t.id()));
        }

        private void requireContact(UUID contactId) {
          Contact c = contacts.get(contactId);
          if (c == null || !c.orgId().equals(org)) {
            throw OmniFlowException.notFound("The contact");
          }
        }

        @Override
        public void updateThread(InboxThread t) {
          requireOrg(t.orgId(), "the thread");
          Sequenced<InboxThread> old = threads.get(t.id());
          if (old == null || !old.value().orgId().equals(org)) {
            throw OmniFlowException.notFound("The thread");
          }
          InboxThread o = old.value();
          InboxThread kept =
              new InboxThread(
                  o.id(),
                  o.orgId(),
                  o.contactId(),
                  o.channel(),
                  o.accountRef(),
                  o.externalKey(),
                  t.status(),
                  t.assigneeUserId(),
                  t.lastInboundAt(),
                  t.lastOutboundAt(),
                  t.lastActivityAt(),
                  t.unreadCount(),
                  o.createdAt(),
                  t.updatedAt());
          threads.put(t.id(), new Sequenced<>(old.seq(), kept.lastActivityAt(), kept));
          undo.push(() -> threads.put(t.id(), old));
        }

        @Override
        public Optional<InboxThread> findThread(UUID threadId) {
          requireOpen();
          return Optional.ofNullable(threads.get(threadId))
              .map(Sequenced::value)
              .filter(t -> t.orgId().equals(org));
        }

        @Override
        public Optional<InboxThread> lockThread(UUID threadId) {
          return findThread(threadId);
        }

        @Override
        public Optional<InboxThread> lockThreadByKey(
            Channel channel, @Nullable String accountRef, String externalKey) {
          requireOpen();
          return threads.values().stream()
              .map(Sequenced::value)
              .filter(
                  o ->
                      o.orgId().equals(org)
                          && o.channel() == channel
                          && Objects.equals(o.accountRef(), accountRef)
                          && o.externalKey().equals(externalKey))
              .findFirst();
        }

        @Override
        public Page<InboxThread> threads(ThreadFilter filter, PageRequest page) {
          requireOpen();
          return newestFirst(
              new ArrayList<>(threads.values()),
              t -> t.orgId().equals(org) && filter.test(t),
              page);
        }

        @Override
        public void insertMessage(Message m) {
          requireOrg(m.orgId(), "the message");
          if (messages.containsKey(m.id())) {
            throw OmniFlowException.conflict("message_exists", "The message exists already.");
          }
          if (findThread(m.threadId()).isEmpty()) {
            throw OmniFlowException.notFound("The thread");
          }
          messages.put(m.id(), new Sequenced<>(++sequence, m.sentAt(), m));
          undo.push(() -> messages.remove(m.id()));
        }

        @Override
        public void updateDelivery(Message m) {
          requireOrg(m.orgId(), "the message");
          Sequenced<Message> old = messages.get(m.id());
          if (old == null || !old.value().orgId().equals(org)) {
            throw OmniFlowException.notFound("The message");
          }
          Message kept = old.value().withDelivery(m.deliveryStatus(), m.failureReason());
          messages.put(m.id(), new Sequenced<>(old.seq(), old.at(), kept));
          undo.push(() -> messages.put(m.id(), old));
        }

        @Override
        public Optional<Message> findOutbound(String providerMessageId) {
          requireOpen();
          return messages.values().stream()
              .map(Sequenced::value)
              .filter(
                  m ->
                      m.orgId().equals(org)
                          && m.direction() == MessageDirection.OUTBOUND
                          && providerMessageId.equals(m.providerMessageId()))
              .findFirst();
        }

        @Override
        public Page<Message> messages(UUID threadId, PageRequest page) {
          requireOpen();
          List<Message> ordered =
              messages.values().stream()
                  .filter(
                      s -> s.value().orgId().equals(org) && s.value().threadId().equals(threadId))
                  .sorted(
                      Comparator.<Sequenced<Message>, Instant>comparing(Sequenced::at)
                          .thenComparingLong(Sequenced::seq))
                  .map(Sequenced::value)
                  .toList();
          return Page.slice(ordered, page);
        }

        @Override
        public List<ai.omniflow.inbox.ContactMessage> contactMessages(UUID contactId, int limit) {
          requireOpen();
          List<ai.omniflow.inbox.ContactMessage> all = new ArrayList<>();
          messages.values().stream()
              .filter(s -> s.value().orgId().equals(org))
              .sorted(
                  Comparator.<Sequenced<Message>, Instant>comparing(Sequenced::at)
                      .thenComparingLong(Sequenced::seq))
              .forEach(
                  s -> {
                    Sequenced<InboxThread> t = threads.get(s.value().threadId());
                    if (t != null && t.value().contactId().equals(contactId)) {
                      all.add(new ai.omniflow.inbox.ContactMessage(s.value(), t.value().channel()));
                    }
                  });
          return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }

        @Override
        public void insertTouchpoint(Touchpoint t) {
          requireOrg(t.orgId(), "the touchpoint");
          if (touchpoints.containsKey(t.id())) {
            throw OmniFlowException.conflict("touchpoint_exists", "The touchpoint exists already.");
          }
          requireContact(t.contactId());
          touchpoints.put(t.id(), new Sequenced<>(++sequence, t.occurredAt(), t));
          undo.push(() -> touchpoints.remove(t.id()));
        }

        @Override
        public void insertDraft(ai.omniflow.inbox.Draft d) {
          requireOrg(d.orgId(), "the draft");
          if (drafts.containsKey(d.id())) {
            throw OmniFlowException.conflict("draft_exists", "The draft exists already.");
          }
          if (findThread(d.threadId()).isEmpty()) {
            throw OmniFlowException.notFound("The thread");
          }
          drafts.put(d.id(), d);
          undo.push(() -> drafts.remove(d.id()));
        }

        @Override
        public Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId) {
          requireOpen();
          return Optional.ofNullable(drafts.get(draftId)).filter(d -> d.orgId().equals(org));
        }

        @Override
        public void markDraftSent(ai.omniflow.inbox.Draft d) {
          requireOrg(d.orgId(), "the draft");
          ai.omniflow.inbox.Draft old = drafts.get(d.id());
          if (old == null || !old.orgId().equals(org)) {
            throw OmniFlowException.notFound("The draft");
          }
          drafts.put(d.id(), old.sentAs(d.sentMessageId(), d.sentAt()));
          undo.push(() -> drafts.put(d.id(), old));
        }

        @Override
        public void markOptedOut(UUID contactId, Instant at) {
          requireOpen();
          requireContact(contactId);
          List<UUID> key = List.of(org, contactId);
          if (optOuts.putIfAbsent(key, at) == null) {
            undo.push(() -> optOuts.remove(key));
          }
        }

        @Override
        public boolean isOptedOut(UUID contactId) {
          requireOpen();
          return optOuts.containsKey(List.of(org, contactId));
        }

        @Override
        public List<Touchpoint> touchpoints(UUID contactId) {
          requireOpen();
          return touchpoints.values().stream()
              .filter(s -> s.value().orgId().equals(org) && s.value().contactId().equals(contactId))
              .sorted(
                  Comparator.<Sequenced<Touchpoint>, Instant>comparing(Sequenced::at)
                      .thenComparingLong(Sequenced::seq))
              .map(Sequenced::value)
              .toList();
        }

        // ------------------------------------------------------------ send claims (issue 9)

        @Override
        public void updateDraftState(ai.omniflow.inbox.Draft d) {
          requireOrg(d.orgId(), "the draft");
          if (d.status() == ai.omniflow.inbox.DraftStatus.SENT) {
            throw new IllegalArgumentException("use markDraftSent to mark a draft sent");
          }
          ai.omniflow.inbox.Draft old = drafts.get(d.id());
          if (old == null || !old.orgId().equals(org)) {
            throw OmniFlowException.notFound("The draft");
          }
          drafts.put(d.id(), old.withState(d.status(), d.claimedAt(), d.lastError()));
          undo.push(() -> drafts.put(d.id(), old));
        }

        @Override
        public List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit) {
          requireOpen();
          if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
          }
          return drafts.values().stream()
              .filter(
                  d ->
                      d.orgId().equals(org)
                          && d.status() == ai.omniflow.inbox.DraftStatus.SENDING
                          && d.claimedAt() != null
                          && d.claimedAt().isBefore(claimedBefore))
              .sorted(Comparator.comparing(ai.omniflow.inbox.Draft::claimedAt))
              .limit(limit)
              .toList();
        }
      };
    }

    @Override
    public LeadRepository leads() {
      return new LeadRepository() {
        @Override
        public void insert(Lead l) {
          requireOrg(l.orgId(), "the lead");
          if (leads.containsKey(l.id())) {
            throw OmniFlowException.conflict("lead_exists", "The lead exists already.");
          }
          Contact c = contacts.get(l.contactId());
          if (c == null || !c.orgId().equals(org)) {
            throw OmniFlowException.notFound("The contact");
          }
          if (l.isOpen() && findOpen(l.contactId()).isPresent()) {
            throw OmniFlowException.conflict(
                "open_lead_exists", "The contact has an open lead already.");
          }
          leads.put(l.id(), new Sequenced<>(++sequence, l.createdAt(), l));
          undo.push(() -> leads.remove(l.id()));
        }

        @Override
        public void update(Lead l) {
          requireOrg(l.orgId(), "the lead");
          Sequenced<Lead> old = leads.get(l.id());
          if (old == null || !old.value().orgId().equals(org)) {
            throw OmniFlowException.notFound("The lead");
          }
          Lead o = old.value();
          Lead kept =
              new Lead(
                  o.id(),
                  o.orgId(),
                  o.contactId(),
                  o.threadId(),
                  o.sourceChannel(),
                  o.campaignId(),
                  o.adId(),
                  l.stage(),
                  l.ownerUserId(),
                  l.fields(),
                  l.score(),
                  l.scoredAt(),
                  l.outcome(),
                  o.createdAt(),
                  l.updatedAt());
          leads.put(l.id(), new Sequenced<>(old.seq(), old.at(), kept));
          undo.push(() -> leads.put(l.id(), old));
        }

        @Override
        public Optional<Lead> find(UUID leadId) {
          requireOpen();
          return Optional.ofNullable(leads.get(leadId))
              .map(Sequenced::value)
              .filter(l -> l.orgId().equals(org));
        }

        @Override
        public Optional<Lead> lock(UUID leadId) {
          return find(leadId);
        }

        @Override
        public Optional<Lead> findOpen(UUID contactId) {
          requireOpen();
          return leads.values().stream()
              .map(Sequenced::value)
              .filter(l -> l.orgId().equals(org) && l.contactId().equals(contactId) && l.isOpen())
              .findFirst();
        }

        @Override
        public Page<Lead> list(LeadFilter filter, PageRequest page) {
          requireOpen();
          List<Lead> all =
              leads.values().stream()
                  .filter(s -> s.value().orgId().equals(org) && filter.test(s.value()))
                  .sorted(
                      Comparator.<Sequenced<Lead>, Instant>comparing(s -> s.value().createdAt())
                          .reversed()
                          .thenComparing(s -> s.value().id()))
                  .map(Sequenced::value)
                  .toList();
          return Page.slice(all, page);
        }

        @Override
        public List<UUID> openIds(@Nullable UUID after, int limit) {
          requireOpen();
          return leads.values().stream()
              .map(Sequenced::value)
              .filter(l -> l.orgId().equals(org) && l.isOpen())
              .map(Lead::id)
              .filter(id -> after == null || id.compareTo(after) > 0)
              .sorted()
              .limit(limit)
              .toList();
        }

        @Override
        public List<Lead> closed(int limit) {
          requireOpen();
          return leads.values().stream()
              .map(Sequenced::value)
              .filter(l -> l.orgId().equals(org) && !l.isOpen())
              .sorted(
                  Comparator.<Lead, Instant>comparing(l -> l.outcome().closedAt())
                      .reversed()
                      .thenComparing(Lead::id))
              .limit(limit)
              .toList();
        }

        @Override
        public Map<UUID, Integer> openCountsByOwner() {
          requireOpen();
          Map<UUID, Integer> counts = new HashMap<>();
          for (Sequenced<Lead> s : leads.values()) {
            Lead l = s.value();
            if (l.orgId().equals(org) && l.isOpen() && l.ownerUserId() != null) {
              counts.merge(l.ownerUserId(), 1, Integer::sum);
            }
          }
          return counts;
        }

        @Override
        public void insertScore(LeadScore score) {
          requireOrg(score.orgId(), "the score");
          if (find(score.leadId()).isEmpty()) {
            throw OmniFlowException.notFound("The lead");
          }
          leadScores.add(new Sequenced<>(++sequence, score.scoredAt(), score));
          undo.push(() -> leadScores.remove(leadScores.size() - 1));
        }

        @Override
        public Page<LeadScore> scores(UUID leadId, PageRequest page) {
          requireOpen();
          return newestFirst(
              leadScores, s -> s.orgId().equals(org) && s.leadId().equals(leadId), page);
        }

        @Override
        public void insertModelRun(ModelRun run) {
          requireOrg(run.orgId(), "the model run");
          List<Object> key = List.of(org, run.version());
          if (modelRuns.containsKey(key)) {
            throw OmniFlowException.conflict(
                "model_run_exists", "The org has a model run with that version already.");
          }
          modelRuns.put(key, run);
          undo.push(() -> modelRuns.remove(key));
        }

        @Override
        public Optional<UUID> previousOwner(UUID contactId, UUID exceptLeadId) {
          requireOpen();
          return leads.values().stream()
              .map(Sequenced::value)
              .filter(
                  l ->
                      l.orgId().equals(org)
                          && l.contactId().equals(contactId)
                          && !l.id().equals(exceptLeadId)
                          && l.ownerUserId() != null)
              .max(Comparator.comparing(Lead::createdAt))
              .map(Lead::ownerUserId);
        }

        @Override
        public void saveOffer(ai.omniflow.leads.LeadOffer offer) {
          requireOrg(offer.orgId(), "the offer");
          if (find(offer.leadId()).isEmpty()) {
            throw OmniFlowException.notFound("The lead");
          }
          ai.omniflow.leads.LeadOffer old = offers.put(offer.leadId(), offer);
          undo.push(
              () -> {
                if (old == null) {
                  offers.remove(offer.leadId());
                } else {
                  offers.put(offer.leadId(), old);
                }
              });
        }

        @Override
        public Optional<ai.omniflow.leads.LeadOffer> offer(UUID leadId) {
          requireOpen();
          return Optional.ofNullable(offers.get(leadId)).filter(o -> o.orgId().equals(org));
        }

        @Override
        public void deleteOffer(UUID leadId) {
          requireOpen();
          ai.omniflow.leads.LeadOffer old = offers.get(leadId);
          if (old != null && old.orgId().equals(org)) {
            offers.remove(leadId);
            undo.push(() -> offers.put(leadId, old));
          }
        }

        @Override
        public List<UUID> expiredOffers(Instant now, int limit) {
          requireOpen();
          return offers.values().stream()
              .filter(o -> o.orgId().equals(org) && !o.expiresAt().isAfter(now))
              .sorted(Comparator.comparing(ai.omniflow.leads.LeadOffer::expiresAt))
              .limit(limit)
              .map(ai.omniflow.leads.LeadOffer::leadId)
              .toList();
        }

        @Override
        public Optional<ModelRun> latestModelRun() {
          requireOpen();
          return modelRuns.values().stream()
              .filter(r -> r.orgId().equals(org))
              .max(Comparator.comparingInt(ModelRun::version));
        }
      };
    }

    @Override
    public EventRepository events() {
      return new EventRepository() {
        @Override
        public void append(DomainEvent event) {
          requireOrg(event.orgId(), "the event");
          events.add(new Sequenced<>(++sequence, event.occurredAt(), event));
          undo.push(() -> events.remove(events.size() - 1));
        }

        @Override
        public Page<DomainEvent> list(PageRequest page) {
          requireOpen();
          return newestFirst(events, e -> e.orgId().equals(org), page);
        }
      };
    }

    @Override
    public AuditRepository audit() {
      return new AuditRepository() {
        @Override
        public void append(AuditEntry entry) {
          requireOrg(entry.orgId(), "the audit entry");
          audit.add(new Sequenced<>(++sequence, entry.occurredAt(), entry));
          undo.push(() -> audit.remove(audit.size() - 1));
        }

        @Override
        public Page<AuditEntry> list(PageRequest page) {
          requireOpen();
          return newestFirst(audit, a -> a.orgId().equals(org), page);
        }
      };
    }
  }

  private static <T> Page<T> newestFirst(
      List<Sequenced<T>> log, java.util.function.Predicate<T> visible, PageRequest page) {
    List<T> ordered =
        log.stream()
            .filter(s -> visible.test(s.value()))
            .sorted(
                Comparator.<Sequenced<T>, Instant>comparing(Sequenced::at)
                    .thenComparingLong(Sequenced::seq)
                    .reversed())
            .map(Sequenced::value)
            .toList();
    return Page.slice(ordered, page);
  }
}
