package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The one bad input that needs time to pass: a server whose clock the test moves. */
@DisplayName("An expired OAuth state")
@Import(ExpiredStateTest.MovableClock.class)
class ExpiredStateTest extends ServerTest {
  @Autowired MovableClock clock;

  @Test
  @DisplayName("is a 400 invalid_state after ten minutes and writes only its audit entry")
  void expired() {
    Actor owner = newOrg("Slow Co");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    String state = post("/connectors/mock/start", "", h).json().path("state").asString();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    long[] before = writes(owner);

    Answer answer =
        post("/connectors/mock/callback", "{\"code\":\"c\",\"state\":\"" + state + "\"}", h);

    assertProblem(answer, 400, "invalid_state");
    assertThat(answer.body()).contains("expired").doesNotContain(state);
    assertThat(writes(owner)).containsExactly(before[0], before[1] + 1);
    assertThat(get("/connectors/accounts", h).json().path("total").asLong()).isZero();
  }

  @Test
  @DisplayName("on the callback page is a clear invalid_state page that connects nothing")
  void expiredOnThePage() throws Exception {
    Actor owner = newOrg("Slow Page Co");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    PageClient browser = pagesAs(owner, owner.userId());
    String state = post("/connectors/mock/start", "", h).json().path("state").asString();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    long[] before = writes(owner);

    var page = browser.get("/oauth/mock/callback?code=c&state=" + state);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("invalid_state")
        .contains("expired")
        .contains("start the connection again")
        .doesNotContain(state);
    assertThat(writes(owner)).containsExactly(before[0], before[1] + 1);
    assertThat(get("/connectors/accounts", h).json().path("total").asLong()).isZero();
  }

  /**
   * The system clock in UTC plus an offset the test moves forward; the configuration is itself the
   * {@link Clock} bean, so the starter's clock backs off.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)).instant().plus(offset);
    }
  }
}
