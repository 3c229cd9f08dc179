package ai.omniflow.store.tck;

import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit every {@link Store} passes: one nested suite per repository (orgs, users,
 * memberships, API keys, the event and audit logs, connector accounts, OAuth states, contacts,
 * contact merges, the inbox, routing, SLA configuration, leads, contacts' and leads' languages,
 * attribution, the webhook inbox) plus transactions and tenant isolation. The in-memory store and
 * the JDBC store in this repository pass it; a host that backs OmniFlow with its own tables runs it
 * to show its store keeps every promise the {@link Store} SPI makes.
 *
 * <p>Depend on {@code ai.omniflow:omniflow-store-tck} in test scope (it brings JUnit Jupiter's API
 * and AssertJ) and extend the kit. An implementation's whole test is:
 *
 * <pre>{@code
 * class MyStoreTest extends StoreCompatibilityKit {
 *   private final MyStore store = MyStore.create(dataSource);
 *
 *   @Override
 *   protected Store store() {
 *     return store;
 *   }
 * }
 * }</pre>
 *
 * <p>It runs like any other test class. The suites are nested classes of the kit, so a Surefire
 * filter must name them too: {@code mvn test -Dtest='MyStoreTest,StoreCompatibilityKit*'}. Each
 * test reports as a sentence under its suite, for example "Transactions › leave nothing behind when
 * the work throws".
 *
 * <p>{@link #store()} may return the same store for every test: each test works in orgs of its own,
 * with fresh random ids, and never assumes the store is empty. The instants the kit writes carry
 * microseconds, the precision PostgreSQL keeps, and must read back equal.
 *
 * <p>JUnit makes a new instance of the host's test for every test; the store it hands out must be
 * safe to use from whichever thread JUnit runs a test on.
 */
@DisplayNameGeneration(SentenceDisplayNames.class)
public abstract class StoreCompatibilityKit {

  /** Creates the kit; a host's test class calls it implicitly. */
  protected StoreCompatibilityKit() {}

  /**
   * The store under test. Called once or more per test; may return the same instance every time.
   *
   * @return the store every suite of the kit writes to and reads from
   */
  protected abstract Store store();

  @Nested
  @DisplayName("Transactions")
  class Transactions extends TransactionSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The org directory")
  class OrgDirectory extends OrgDirectorySuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Orgs")
  class Orgs extends OrgSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Users")
  class Users extends UserSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Memberships")
  class Memberships extends MembershipSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The event log")
  class EventLog extends EventSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The audit log")
  class AuditLog extends AuditSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("API keys")
  class ApiKeys extends ApiKeySuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Connector accounts")
  class ConnectorAccounts extends ConnectorAccountSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("OAuth states")
  class OAuthStates extends OAuthStateSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Contacts and identities")
  class ContactsAndIdentities extends ContactSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Contact merges")
  class ContactMerges extends ContactMergeSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Tenant isolation")
  class TenantIsolation extends TenantIsolationSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The inbox: threads, messages, touchpoints and ingest receipts")
  class Inbox extends InboxSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Routing: agents, groups, configuration and counters")
  class Routing extends RoutingSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("SLA: the org's policy and its business calendars")
  class Sla extends SlaSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("SLA clocks: one per thread, and its scheduled steps")
  class SlaClocks extends SlaClockSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("SLA clock keeping: a clock locked with what its message needs, and saved at once")
  class SlaClockKeeping extends SlaClockKeepingSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("SLA metrics: first responses and speed to lead")
  class SlaMetrics extends SlaMetricsSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The webhook inbox: stored deliveries, claims and the account directory")
  class WebhookInbox extends WebhookInboxSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("The consent ledger")
  class Consents extends ConsentSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Leads")
  class Leads extends LeadSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Languages: a contact's and its lead's, and who set them")
  class Languages extends LanguageSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Attribution: external touchpoints, spend and journeys' activity")
  class Attribution extends AttributionSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Nurture enrollments: one active per lead, its scheduled run and its history")
  class Enrollments extends EnrollmentSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Nurture playbooks: an org's own, by key, saved in place and deleted")
  class Playbooks extends PlaybookSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Accepted packs: the version an org accepted, kept whole, replaced in place")
  class AcceptedPacks extends AcceptedPackSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Pack overrides: one per org, replaced in place and deleted")
  class PackOverrides extends PackOverrideSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }

  @Nested
  @DisplayName("Tasks: one per nurture step, the overdue check following the due time, lists")
  class Tasks extends TaskSuite {
    @Override
    Store store() {
      return StoreCompatibilityKit.this.store();
    }
  }
}
