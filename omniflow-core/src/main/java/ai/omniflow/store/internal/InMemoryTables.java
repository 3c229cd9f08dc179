package ai.omniflow.store.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The rows of one in-memory store, every org's, as plain collections. Not thread-safe: the store
 * serializes every transaction with one lock, and each repository filters by its transaction's org.
 */
public final class InMemoryTables {
  final Map<UUID, Org> orgs = new HashMap<>();
  final Map<UUID, User> users = new HashMap<>();

  /** The org that created each user, the only one that may change it (decision 0030). */
  final Map<UUID, UUID> userOrgs = new HashMap<>();

  final Map<List<UUID>, Membership> memberships = new LinkedHashMap<>();
  final Map<UUID, ApiKey> apiKeys = new LinkedHashMap<>();
  final List<Sequenced<DomainEvent>> events = new ArrayList<>();
  final List<Sequenced<AuditEntry>> audit = new ArrayList<>();
  final Map<UUID, ConnectorAccount> connectorAccounts = new LinkedHashMap<>();
  final Map<UUID, AccountTokens> accountTokens = new HashMap<>();
  final Map<String, OAuthState> oauthStates = new HashMap<>();
  final Map<UUID, Contact> contacts = new LinkedHashMap<>();
  final Map<UUID, Identity> identities = new LinkedHashMap<>();
  final Map<UUID, ContactMerge> contactMerges = new LinkedHashMap<>();
  final Map<List<Object>, IngestResult> receipts = new HashMap<>();
  final Map<UUID, Sequenced<InboxThread>> threads = new LinkedHashMap<>();
  final Map<UUID, Sequenced<Message>> messages = new LinkedHashMap<>();
  final Map<UUID, Sequenced<Touchpoint>> touchpoints = new LinkedHashMap<>();
  final Map<UUID, ai.omniflow.inbox.Draft> drafts = new LinkedHashMap<>();
  final Map<List<UUID>, Instant> optOuts = new HashMap<>();
  final List<Sequenced<ai.omniflow.contacts.ConsentEntry>> consents = new ArrayList<>();
  final Map<UUID, Sequenced<Lead>> leads = new LinkedHashMap<>();
  final List<Sequenced<LeadScore>> leadScores = new ArrayList<>();
  final Map<List<Object>, ModelRun> modelRuns = new LinkedHashMap<>();
  final Map<UUID, ai.omniflow.leads.LeadOffer> offers = new LinkedHashMap<>();
  final Map<UUID, Owned<ai.omniflow.routing.Agent>> agents = new LinkedHashMap<>();
  final Map<List<Object>, ai.omniflow.routing.RoutingGroup> routingGroups = new LinkedHashMap<>();
  final Map<UUID, ai.omniflow.routing.RoutingConfig> routingConfigs = new HashMap<>();
  final Map<List<Object>, Long> routingCounters = new LinkedHashMap<>();
  final Map<UUID, Sequenced<ai.omniflow.attribution.ExternalTouchpoint>> externalTouchpoints =
      new LinkedHashMap<>();
  final Map<List<Object>, ai.omniflow.attribution.Spend> spend = new LinkedHashMap<>();
  final Map<UUID, ai.omniflow.sla.SlaPolicy> slaPolicies = new HashMap<>();
  final Map<UUID, Owned<ai.omniflow.sla.SlaCalendar>> slaCalendars = new LinkedHashMap<>();
  final Map<UUID, Owned<ai.omniflow.sla.ThreadClock>> slaClocks = new HashMap<>();
  final Map<String, ai.omniflow.sla.SlaStep> slaSteps = new java.util.TreeMap<>();
  final Map<UUID, Owned<ai.omniflow.sla.FirstResponse>> firstResponses = new HashMap<>();
  final Map<UUID, Sequenced<ai.omniflow.enrollment.StoredEnrollment>> enrollments =
      new LinkedHashMap<>();
  final List<Sequenced<ai.omniflow.enrollment.EnrollmentHistoryEntry>> enrollmentHistory =
      new ArrayList<>();

  /** The pack versions the orgs accepted, by org. */
  final Map<UUID, ai.omniflow.pack.AcceptedPack> acceptedPacks = new HashMap<>();

  /** The orgs' own pack overrides, by org. */
  final Map<UUID, ai.omniflow.pack.PackOverride> packOverrides = new HashMap<>();

  /** The orgs' own playbooks, by org and key. */
  final Map<List<Object>, ai.omniflow.nurture.StoredPlaybook> playbooks =
      new java.util.TreeMap<>(
          java.util.Comparator.<List<Object>, String>comparing(k -> k.get(0).toString())
              .thenComparing(k -> k.get(1).toString()));

  /** Each active enrollment's pending run, by enrollment id; nothing runs them, a caller does. */
  final Map<UUID, Instant> enrollmentRuns = new HashMap<>();

  final Map<UUID, ai.omniflow.tasks.Task> tasks = new LinkedHashMap<>();

  /** Each task's pending overdue check, by task id; nothing runs them, a caller does. */
  final Map<UUID, Instant> taskChecks = new HashMap<>();

  private long sequence;

  /** The next number of a total order of inserts, for ties between rows of one instant. */
  long nextSequence() {
    return ++sequence;
  }

  /** Every org's id, oldest first. */
  public List<UUID> orgIds() {
    return orgs.values().stream()
        .sorted(Comparator.comparing(Org::createdAt).thenComparing(Org::id))
        .map(Org::id)
        .toList();
  }

  static <T> Page<T> newestFirst(List<Sequenced<T>> log, Predicate<T> visible, PageRequest page) {
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
