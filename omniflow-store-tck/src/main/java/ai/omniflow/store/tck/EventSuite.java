package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event log: newest first with paging and a total, append order within an instant, every field
 * and payload kept exactly. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class EventSuite extends StoreSuite {
  @Test
  void listsEventsNewestFirstWithPagingAndTotal() {
    Actor a = newOrg();
    store()
        .inTransaction(
            a,
            tx -> {
              for (int i = 0; i < 5; i++) {
                tx.events().append(event(a, "test.e" + i, T0.plusSeconds(i), Map.of("i", i)));
              }
              return null;
            });
    Page<DomainEvent> page = store().inTransaction(a, tx -> tx.events().list(PageRequest.of(2, 1)));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.limit()).isEqualTo(2);
    assertThat(page.offset()).isEqualTo(1);
    assertThat(page.items()).extracting(DomainEvent::type).containsExactly("test.e3", "test.e2");
    Page<DomainEvent> beyond =
        store().inTransaction(a, tx -> tx.events().list(PageRequest.of(10, 50)));
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }

  @Test
  void ordersEventsOfTheSameInstantByAppendOrderNewestFirst() {
    Actor a = newOrg();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.events().append(event(a, "test.first", T0, Map.of()));
              tx.events().append(event(a, "test.second", T0, Map.of()));
              return null;
            });
    store()
        .inTransaction(
            a,
            tx -> {
              tx.events().append(event(a, "test.third", T0, Map.of()));
              return null;
            });
    assertThat(
            store()
                .<Page<DomainEvent>>inTransaction(a, tx -> tx.events().list(PageRequest.first()))
                .items())
        .extracting(DomainEvent::type)
        .containsExactly("test.third", "test.second", "test.first");
  }

  @Test
  void keepsEveryFieldAndAJsonPayloadExactly() {
    Actor a = newOrg();
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of("x", 2, true));
    nested.put("amount", new BigDecimal("1234.50"));
    nested.put("big", 12_345_678_901L);
    Map<String, Object> payload = new HashMap<>();
    payload.put("text", "héllo \"quoted\" 🏡");
    payload.put("nested", nested);
    payload.put("nothing", null);
    payload.put("ratio", 0.25);
    DomainEvent e = event(a, "test.payload", T0, payload);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.events().append(e);
              return null;
            });
    DomainEvent read =
        store().inTransaction(a, tx -> tx.events().list(PageRequest.first())).items().get(0);
    assertThat(read).isEqualTo(e);
  }

  @Test
  void keepsTheSystemActorAsNoUser() {
    Actor a = newOrg();
    Actor system = Actor.system(a.orgId());
    DomainEvent e = event(system, "test.system", T0, Map.of());
    store()
        .inTransaction(
            system,
            tx -> {
              tx.events().append(e);
              return null;
            });
    DomainEvent read =
        store().inTransaction(a, tx -> tx.events().list(PageRequest.first())).items().get(0);
    assertThat(read.actorUserId()).isNull();
    assertThat(read).isEqualTo(e);
  }
}
