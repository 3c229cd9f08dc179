package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The org repository: an org is created once, read, updated, and written only as the transaction's
 * own org. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class OrgSuite extends StoreSuite {
  @Test
  void areCreatedReadAndUpdated() {
    Actor actor = newOrg();
    store()
        .inTransaction(
            actor,
            tx -> {
              Org org = tx.orgs().current().orElseThrow();
              tx.orgs().update(org.withPack("real-estate", "1.2.3"));
              return null;
            });
    Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(org.id()).isEqualTo(actor.orgId());
    assertThat(org.packSlug()).isEqualTo("real-estate");
    assertThat(org.packVersion()).isEqualTo("1.2.3");
    assertThat(org.createdAt()).isEqualTo(T0);
  }

  @Test
  void keepTheirTimeZoneAndClearIt() {
    Actor actor = newOrg();
    Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(org.timeZone()).isNull();
    Org zoned = org.withTimeZone(java.time.ZoneId.of("America/Argentina/Buenos_Aires"));
    write(actor, tx -> tx.orgs().update(zoned));
    Org read = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(read).isEqualTo(zoned);
    write(actor, tx -> tx.orgs().update(zoned.withTimeZone(null)));
    Org cleared = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(cleared.timeZone()).isNull();
  }

  @Test
  void keepWhetherTheirLeadFormsBecomeLeadsOnByDefault() {
    Actor actor = newOrg();
    Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(org.leadFormsBecomeLeads()).isTrue();
    Org off = org.withLeadFormsBecomeLeads(false);
    write(actor, tx -> tx.orgs().update(off));
    Org read = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(read).isEqualTo(off);
    write(actor, tx -> tx.orgs().update(read.withPack("real-estate", "1.2.3")));
    Org later = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(later.leadFormsBecomeLeads()).isFalse();
    write(actor, tx -> tx.orgs().update(later.withLeadFormsBecomeLeads(true)));
    Org on = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(on.leadFormsBecomeLeads()).isTrue();
  }

  @Test
  void keepTheirHelpTextOrNoneForTheDefault() {
    Actor actor = newOrg();
    Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(org.helpText()).isNull();
    Org own = org.withHelpText("Bay Homes: call (415) 555-0100. Reply STOP to opt out.");
    write(actor, tx -> tx.orgs().update(own));
    Org read = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(read).isEqualTo(own);
    write(actor, tx -> tx.orgs().update(read.withLeadFormsBecomeLeads(false)));
    Org later = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(later.helpText()).isEqualTo(own.helpText());
    write(actor, tx -> tx.orgs().update(later.withHelpText(null)));
    Org cleared = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(cleared.helpText()).isNull();
  }

  @Test
  void cannotBeCreatedTwice() {
    Actor actor = newOrg();
    assertKind(
        () ->
            write(
                actor,
                tx -> {
                  tx.orgs().insert(new Org(actor.orgId(), "Again", null, null, T0));
                }),
        OmniFlowException.Kind.CONFLICT);
  }

  @Test
  void cannotBeWrittenForAnotherOrgThanTheTransactions() {
    Actor actor = newOrg();
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        actor,
                        tx -> {
                          tx.orgs().insert(new Org(UUID.randomUUID(), "Other", null, null, T0));
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updatingAMissingOrgIsNotFound() {
    UUID orgId = UUID.randomUUID();
    assertKind(
        () ->
            write(
                Actor.system(orgId),
                tx -> tx.orgs().update(new Org(orgId, "Ghost", null, null, T0))),
        OmniFlowException.Kind.NOT_FOUND);
  }
}
