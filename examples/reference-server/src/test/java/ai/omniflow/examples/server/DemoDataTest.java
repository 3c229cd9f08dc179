package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo data, written through the public services into fresh orgs over real PostgreSQL. */
@DisplayName("The demo data")
class DemoDataTest extends ServerTest {
  private static final int SIZE = 40;

  @Test
  @DisplayName("fills the inbox, the pipeline and the revenue, and a second run writes nothing")
  void seedsOnceAndOnlyOnce() {
    Actor owner = newOrg("Demo Realty");
    DemoData.Written first = new DemoData(omniFlow, owner, SIZE).seed();
    assertThat(first.messages()).isGreaterThanOrEqualTo(SIZE);
    assertThat(first.replies()).isPositive();
    assertThat(first.leads()).isPositive();
    assertThat(first.outcomes()).isPositive();
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("real-estate");
    long threads = threads(owner);
    long leads = leads(owner).size();
    long[] writes = writes(owner);

    DemoData.Written second = new DemoData(omniFlow, owner, SIZE).seed();

    assertThat(second).isEqualTo(new DemoData.Written(0, 0, 0, 0));
    assertThat(threads(owner)).isEqualTo(threads);
    assertThat(leads(owner)).hasSize((int) leads);
    assertThat(writes(owner)).containsExactly(writes);

    List<Lead> all = leads(owner);
    assertThat(all.stream().map(Lead::stage).collect(Collectors.toSet())).contains("new", "won");
    assertThat(all).allMatch(l -> l.score() != null, "every lead is scored");
    var now = omniFlow.clock().instant();
    var report =
        omniFlow
            .attribution()
            .report(
                owner,
                ReportQuery.of(now.minus(Duration.ofDays(40)), now)
                    .withModels(List.of(AttributionModel.parse("linear"))));
    assertThat(report.models().get(0).revenue()).isPositive();
  }

  @Test
  @DisplayName("draws the same people from its fixed seed in every org")
  void isDeterministic() {
    Actor a = newOrg("Demo A");
    Actor b = newOrg("Demo B");
    DemoData.Written wa = new DemoData(omniFlow, a, 12).seed();
    DemoData.Written wb = new DemoData(omniFlow, b, 12).seed();
    assertThat(wb).isEqualTo(wa);
    assertThat(names(b)).isEqualTo(names(a));
  }

  private long threads(Actor owner) {
    return omniFlow.inbox().threads(owner, ThreadFilter.ALL, PageRequest.of(1, 0)).total();
  }

  private List<Lead> leads(Actor owner) {
    return omniFlow.leads().list(owner, LeadFilter.ALL, PageRequest.of(200, 0)).items();
  }

  private Set<String> names(Actor owner) {
    return omniFlow.contacts().list(owner, PageRequest.of(200, 0)).items().stream()
        .map(c -> String.valueOf(c.displayName()))
        .collect(Collectors.toSet());
  }
}
