package ai.omniflow.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quickstart run as its README runs it: on an embedded PostgreSQL, start to finish. */
class QuickstartTest {
  @Test
  void threeMessagesFromOnePersonBecomeOneContactAWonLeadAndRevenueCreditedToTheirChannels() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Quickstart.Result result =
        Quickstart.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(result.contacts()).isEqualTo(1);
    assertThat(result.threads()).doesNotContainNull().doesNotHaveDuplicates().hasSize(3);
    assertThat(result.lead().score()).isNotNull();
    assertThat(result.lead().ownerUserId()).isEqualTo(result.routedTo()).isNotNull();
    assertThat(result.lead().outcome()).isNotNull();

    BigDecimal commission = new BigDecimal("12500.00");
    assertThat(result.revenueByChannel()).containsKeys("first_touch", "linear", "last_touch");
    for (Map<String, BigDecimal> byChannel : result.revenueByChannel().values()) {
      assertThat(byChannel.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(commission);
    }
    assertThat(result.revenueByChannel().get("first_touch")).containsEntry("lead_form", commission);
    assertThat(result.revenueByChannel().get("linear").keySet())
        .containsExactlyInAnyOrder("lead_form", "whatsapp", "sms");

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("1. Org Bay Realty", "2. Three messages", "3. Suggested reply", "4. Lead ")
        .contains("5. Won", "6. Revenue by channel");
  }
}
