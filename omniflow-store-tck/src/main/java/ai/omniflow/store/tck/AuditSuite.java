package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.tenancy.Actor;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log: entries newest first with their before and after and their request id. Not API:
 * {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class AuditSuite extends StoreSuite {
  @Test
  void listsEntriesNewestFirstWithBeforeAfterAndRequestId() {
    Actor a = newOrg().withRequestId("req-9");
    AuditEntry first = audit(a, "test.first", T0);
    AuditEntry created =
        new AuditEntry(
            UUID.randomUUID(),
            a.orgId(),
            a.userId(),
            a.role(),
            "test.create",
            "thing",
            "42",
            null,
            Map.of("k", "v"),
            null,
            T0.plus(1, ChronoUnit.MILLIS));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.audit().append(first);
              tx.audit().append(created);
              return null;
            });
    Page<AuditEntry> page = store().inTransaction(a, tx -> tx.audit().list(PageRequest.first()));
    assertThat(page.items()).containsExactly(created, first);
    assertThat(page.total()).isEqualTo(2);
  }
}
