package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.TenancyEvents;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The org setting that makes a submitted lead-ad form a lead at once, in the ingest transaction (on
 * by default), and what ingest keeps when it is off.
 */
@DisplayName("Lead-ad forms becoming leads")
class LeadFormsBecomeLeadsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private OmniFlow omniFlow;
  private int keys;

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .store(new InMemoryStore())
            .clock(clock)
            .packCatalog(PackCatalog.of(List.of(LeadTestPack.pack())))
            .build();
  }

  private Actor newOrg(boolean withPack) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    if (withPack) {
      omniFlow.packs().select(owner, LeadTestPack.SLUG);
    }
    return owner;
  }

  private IngestResult form(Actor org, String phone) {
    String key = "lead:" + (++keys);
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(org.orgId()),
            null,
            new InboundEvent.LeadForm(
                key,
                "page-1",
                "lead-" + keys,
                "form-1",
                new Sender(null, "Ana Lima", phone, null),
                Map.of("full_name", "Ana Lima", "phone_number", phone),
                clock.instant().minusSeconds(60),
                new Referral("camp-9", "ad-9", null)));
  }

  private List<Lead> leads(Actor owner) {
    return omniFlow.leads().list(owner, LeadFilter.ALL, PageRequest.first()).items();
  }

  @Test
  @DisplayName("a new org has the setting on, and its form becomes a lead in the same ingest")
  void onByDefaultAFormBecomesALead() {
    Actor owner = newOrg(true);
    assertThat(omniFlow.tenancy().org(owner).leadFormsBecomeLeads()).isTrue();

    IngestResult r = form(owner, "+14155550101");

    List<Lead> leads = leads(owner);
    assertThat(leads).hasSize(1);
    Lead lead = leads.get(0);
    assertThat(lead.contactId()).isEqualTo(r.contactId());
    assertThat(lead.threadId()).isEqualTo(r.threadId());
    assertThat(lead.sourceChannel()).isEqualTo(Channel.LEAD_FORM);
    assertThat(lead.campaignId()).isEqualTo("camp-9");
    assertThat(lead.adId()).isEqualTo("ad-9");
  }

  @Test
  @DisplayName("with the setting off the contact, thread and touchpoint are kept and no lead made")
  void offKeepsTheContactAndTouchpointWithoutALead() {
    Actor owner = newOrg(true);
    omniFlow.tenancy().setLeadFormsBecomeLeads(owner, false);

    IngestResult r = form(owner, "+14155550102");

    assertThat(leads(owner)).isEmpty();
    assertThat(omniFlow.contacts().contact(owner, r.contactId()).id()).isEqualTo(r.contactId());
    assertThat(omniFlow.inbox().touchpoints(owner, r.contactId()))
        .singleElement()
        .satisfies(t -> assertThat(t.channel()).isEqualTo(Channel.LEAD_FORM));
    // A person can still make the lead when they choose.
    assertThat(omniFlow.leads().fromThread(owner, r.threadId()).created()).isTrue();
  }

  @Test
  @DisplayName("the setting is read at each form, so turning it back on applies to the next one")
  void theSettingIsReadAtEachForm() {
    Actor owner = newOrg(true);
    omniFlow.tenancy().setLeadFormsBecomeLeads(owner, false);
    form(owner, "+14155550103");
    omniFlow.tenancy().setLeadFormsBecomeLeads(owner, true);

    IngestResult second = form(owner, "+14155550104");

    assertThat(leads(owner)).extracting(Lead::contactId).containsExactly(second.contactId());
  }

  @Test
  @DisplayName("a form of an org without a pack is taken in without a lead, never refused")
  void withoutAPackTheFormIsKeptWithoutALead() {
    Actor owner = newOrg(false);

    IngestResult r = form(owner, "+14155550105");

    assertThat(omniFlow.inbox().touchpoints(owner, r.contactId())).hasSize(1);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    assertThat(leads(owner)).isEmpty();
  }

  @Test
  @DisplayName("a change is audited and announced once; setting the same value records nothing")
  void aChangeIsRecordedOnce() {
    Actor owner = newOrg(true);
    long before = omniFlow.events().list(owner, PageRequest.first()).total();

    omniFlow.tenancy().setLeadFormsBecomeLeads(owner, true);
    assertThat(omniFlow.events().list(owner, PageRequest.first()).total()).isEqualTo(before);
    omniFlow.tenancy().setLeadFormsBecomeLeads(owner, false);

    List<DomainEvent> events = omniFlow.events().list(owner, PageRequest.first()).items();
    assertThat(events.get(0).type()).isEqualTo(TenancyEvents.ORG_LEAD_FORMS_BECOME_LEADS_SET);
    assertThat(events.get(0).payload()).containsEntry("lead_forms_become_leads", false);
    assertThat(omniFlow.audit().list(owner, PageRequest.first()).items().get(0).action())
        .isEqualTo(TenancyEvents.AUDIT_ORG_SET_LEAD_FORMS_BECOME_LEADS);
  }

  @Test
  @DisplayName("agents may not change it")
  void agentsMayNotChangeIt() {
    Actor owner = newOrg(true);
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "A", clock.instant());
    omniFlow.tenancy().addMember(owner, u, Role.AGENT);
    Actor agent = Actor.of(owner.orgId(), u.id(), Role.AGENT);

    assertThatThrownBy(() -> omniFlow.tenancy().setLeadFormsBecomeLeads(agent, false))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
    assertThat(omniFlow.tenancy().org(owner).leadFormsBecomeLeads()).isTrue();
  }
}
