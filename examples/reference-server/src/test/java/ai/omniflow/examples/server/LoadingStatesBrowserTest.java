package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.connector.openai.OpenAiCompatibleReplySuggester;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.tenancy.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The loading states in a real headless Chromium, seen while the request runs: the reply suggester
 * is an OpenAI-compatible endpoint and the mock connector talks to its platform over HTTP, both
 * MockWebServers that hold a request until the test lets it go; a pack override's save and a lead's
 * Score now wait on a row lock the test holds in PostgreSQL. While held, the indicator shows and
 * the button is disabled; once answered, the indicator is gone and the button works again.
 */
@DisplayName("The pages' loading states in a browser, while the request runs")
class LoadingStatesBrowserTest extends BrowserTest {
  private static final Duration HOLD = Duration.ofSeconds(20);

  /** The mock platform (tokens, sends, probes) and the AI provider. */
  static final HeldServer PLATFORM = new HeldServer(LoadingStatesBrowserTest::platform);

  static final HeldServer AI = new HeldServer(request -> completion());

  @DynamicPropertySource
  static void slowOutsideWorld(DynamicPropertyRegistry registry) {
    registry.add(
        "omniflow.connectors.providers.mock.api-base-uri", () -> PLATFORM.url("/").toString());
    registry.add("omniflow.connectors.providers.mock.settings.offline", () -> "false");
  }

  /** The AI provider's suggester in place of the offline one. */
  @TestConfiguration(proxyBeanMethods = false)
  static class AiProvider {
    @Bean
    ReplySuggester replySuggester() {
      return OpenAiCompatibleReplySuggester.builder()
          .baseUrl(URI.create(AI.url("/v1/").toString()))
          .model("gpt-test")
          .apiKey("test-key")
          .callTimeout(HOLD.multipliedBy(2))
          .build();
    }
  }

  @AfterAll
  static void stopServers() {
    PLATFORM.close();
    AI.close();
  }

  @AfterEach
  void letEverythingGo() {
    PLATFORM.release();
    AI.release();
  }

  @Autowired DataSource dataSource;

  @Value("${omniflow.jdbc.schema}")
  String schema;

  private static final AtomicInteger ACCOUNTS = new AtomicInteger();

  private static MockResponse platform(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/oauth/token")) {
      int n = ACCOUNTS.incrementAndGet();
      return json(
          "{\"access_token\": \"at-"
              + n
              + "\", \"refresh_token\": \"rt-"
              + n
              + "\", \"expires_in\": 3600, \"scope\": \"messages leads\", \"accounts\": [{\"id\":"
              + " \"page-"
              + n
              + "\", \"name\": \"Slow Page "
              + n
              + "\"}]}");
    }
    if (path.matches("/v1/accounts/[a-z0-9-]+/messages")) {
      return json("{\"id\": \"msg-" + ACCOUNTS.incrementAndGet() + "\"}");
    }
    if (path.matches("/v1/accounts/[a-z0-9-]+")) {
      return json("{\"id\": \"" + path.substring("/v1/accounts/".length()) + "\"}");
    }
    return new MockResponse.Builder().code(404).body("{}").build();
  }

  private static MockResponse completion() {
    String content =
        "{\"intent\": \"general_question\", \"confidence\": 0.8, \"reply\": \"Thanks for writing!"
            + " An agent answers you here shortly.\", \"next_action\": \"handoff\"}";
    return json(
        "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"model\": \"gpt-test\","
            + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": "
            + JSON.writeValueAsString(content)
            + ", \"refusal\": null}, \"finish_reason\": \"stop\"}]}");
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A new org on real-estate with its own account on the platform, its owner signed in. */
  private Actor ownerWithAnAccount(String name) {
    Actor owner = ownerSignedIn(name);
    connectMock(as(owner.orgId(), owner.userId()));
    return owner;
  }

  /**
   * Commands wait for no page load: a form's post that waits on the server is a page load, and the
   * test looks at the page while it waits.
   */
  @Override
  PageLoadStrategy pageLoads() {
    return PageLoadStrategy.NONE;
  }

  /** Opens the page at {@code path} once {@code id} is on it and its scripts have run. */
  private void open(String path, String id) {
    browser.driver.get(url(path));
    byId(id);
    browser.wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private boolean shown(String id) {
    return byId(id).isDisplayed();
  }

  /**
   * Clicks {@code click} while {@code server} holds the requests whose path ends in {@code path}:
   * while one is held, indicator {@code busy} shows and {@code button} is disabled (axe-core checks
   * the page as it stands); then lets the server answer.
   */
  private void busyWhileHeld(
      HeldServer server, String path, String click, String busy, String button, String page)
      throws InterruptedException {
    server.hold(p -> p.endsWith(path));
    WebElement disabled = byId(button);
    byId(click).click();
    assertThat(server.held()).endsWith(path);
    browser.wait.until(d -> shown(busy));
    assertThat(disabled.isEnabled()).as(button + " while the request runs").isFalse();
    accessible(page);
    browser.screenshots(page.replace(' ', '-'));
    server.release();
  }

  /** Once {@code answered} shows, indicator {@code busy} is gone and {@code button} works. */
  private void idleOnce(
      java.util.function.Function<WebDriver, Boolean> answered, String busy, String button) {
    browser.wait.until(answered);
    assertThat(shown(busy)).isFalse();
    assertThat(byId(button).isEnabled()).isTrue();
  }

  @Test
  @DisplayName(
      "Suggest shows its indicator and disables Send while the AI provider answers, then shows the"
          + " suggestion")
  void suggest() throws Exception {
    Actor owner = ownerWithAnAccount("Slow Suggest Realty");
    String thread = given(owner).dm("ig_slow_suggest", Duration.ZERO);
    open("/inbox?thread=" + thread, "suggest");
    assertThat(shown("suggest-busy")).isFalse();

    busyWhileHeld(AI, "/chat/completions", "suggest", "suggest-busy", "send", "inbox suggesting");

    idleOnce(
        d -> d.findElement(By.id("reply")).getAttribute("value").contains("agent"),
        "suggest-busy",
        "send");
    assertThat(byId("suggestion").getText()).contains("general_question");
  }

  @Test
  @DisplayName(
      "Send shows its indicator and is disabled while the platform takes the message, then the"
          + " page shows it sent")
  void send() throws Exception {
    Actor owner = ownerWithAnAccount("Slow Send Realty");
    String thread = given(owner).dm("ig_slow_send", Duration.ZERO);
    open("/inbox?thread=" + thread, "send");
    byId("reply").sendKeys("We can show it on Saturday.");

    busyWhileHeld(PLATFORM, "/messages", "send", "send-busy", "send", "inbox sending");

    idleOnce(
        d -> d.findElement(By.id("alerts")).getText().contains("Reply sent."), "send-busy", "send");
    assertThat(byId("messages").getText()).contains("We can show it on Saturday.");
  }

  @Test
  @DisplayName(
      "Check now shows its indicator and is disabled while the platform is asked, then says how"
          + " the account is")
  void checkNow() throws Exception {
    Actor owner = ownerWithAnAccount("Slow Check Realty");
    ConnectorAccount account = omniFlow.connectors().accounts(owner).get(0);
    String check = "check-" + account.accountRef();
    open("/connectors", check);
    assertThat(shown(check + "-busy")).isFalse();
    assertThat(byId(check + "-busy").getAttribute("textContent")).isEqualTo("Checking…");

    busyWhileHeld(
        PLATFORM,
        "/" + account.externalAccountId(),
        check,
        check + "-busy",
        check,
        "connectors checking");

    idleOnce(
        d -> d.findElement(By.id("alerts")).getText().contains("checked: healthy."),
        check + "-busy",
        check);
  }

  @Test
  @DisplayName(
      "saving a pack override shows its indicator and disables Save while the save waits, then"
          + " says it is saved")
  void overrideSave() throws Exception {
    Actor owner = ownerSignedIn("Slow Override Realty");
    omniFlow.packs().saveOverride(owner, "stages:\n- {key: qualified, label: Pre-qualified}\n");
    open("/settings/pack", "override-save");
    WebElement patch = byId("override-patch");
    patch.clear();
    patch.sendKeys("stages:\n- {key: qualified, label: Ready}\n");
    assertThat(shown("override-busy")).isFalse();

    watchForm("override-form", "override-busy", "override-save");
    long held;
    long released;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      holdOverrideRow(c, owner);
      byId("override-save").click();
      browser.wait.until(d -> waitingOnTheLock("org_pack_overrides"));
      held = System.currentTimeMillis();
      // The page notes its form every 50 ms meanwhile; this leaves it time for several notes.
      Thread.sleep(500);
      released = System.currentTimeMillis();
      c.rollback();
    }

    browser.wait.until(
        d -> d.findElement(By.id("alerts")).getText().contains("The override is saved"));
    assertThat(shown("override-busy")).isFalse();
    assertThat(byId("override-save").isEnabled()).isTrue();
    assertThat(omniFlow.packs().override(owner).orElseThrow().patch()).contains("Ready");
    assertThat(formSeen(held, released))
        .as("the override form while its save waited on the lock")
        .hasSizeGreaterThanOrEqualTo(3)
        .containsOnly("indicator shown, button disabled, form busy");
  }

  @Test
  @DisplayName(
      "Score now shows its indicator and is disabled while the score waits, then says the lead is"
          + " scored")
  void scoreNow() throws Exception {
    Actor owner = ownerWithAnAccount("Slow Score Realty");
    Given given = given(owner);
    String lead = given.lead(given.dm("ig_slow_score", Duration.ZERO));
    open("/leads/" + lead, "rescore");
    assertThat(shown("rescore-busy")).isFalse();

    watchForm("rescore-form", "rescore-busy", "rescore");
    long held;
    long released;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      holdRow(c, owner, "leads", java.util.UUID.fromString(lead));
      byId("rescore").click();
      browser.wait.until(d -> waitingOnTheLock("leads"));
      held = System.currentTimeMillis();
      Thread.sleep(500);
      released = System.currentTimeMillis();
      c.rollback();
    }

    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Scored"));
    assertThat(shown("rescore-busy")).isFalse();
    assertThat(byId("rescore").isEnabled()).isTrue();
    assertThat(formSeen(held, released))
        .as("the Score now form while the score waited on the lead's lock")
        .hasSizeGreaterThanOrEqualTo(3)
        .containsOnly("indicator shown, button disabled, form busy");
  }

  /**
   * Has the page note how form {@code form} looks (its indicator {@code busy}, its button {@code
   * button}) every 50 ms, with the time, in its session storage, until it is left: while a form's
   * post waits for its answer a page load is in progress, and chromedriver answers no command
   * before the next page.
   */
  private void watchForm(String form, String busy, String button) {
    String looks =
        "(document.getElementById('"
            + busy
            + "').offsetParent ? 'indicator shown' : 'indicator hidden')"
            + " + (document.getElementById('"
            + button
            + "').disabled ? ', button disabled' : ', button enabled')"
            + " + (document.getElementById('"
            + form
            + "').getAttribute('aria-busy') === 'true' ? ', form busy' : ', form idle')";
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "sessionStorage.removeItem('form-seen'); const seen = [];"
                + " setInterval(() => { seen.push([Date.now(), "
                + looks
                + "]); sessionStorage.setItem('form-seen', JSON.stringify(seen.slice(-400)));"
                + " }, 50);");
  }

  /** How the page noted the watched form between {@code from} and {@code to} (epoch ms). */
  private List<String> formSeen(long from, long to) {
    String log =
        (String)
            ((JavascriptExecutor) browser.driver)
                .executeScript("return sessionStorage.getItem('form-seen');");
    List<String> seen = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(String.valueOf(log))) {
      long at = entry.get(0).asLong();
      if (at >= from && at <= to) {
        seen.add(entry.get(1).asString());
      }
    }
    return seen;
  }

  /** Whether a statement of the server waits on a lock on {@code table}. */
  private boolean waitingOnTheLock(String table) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query like ? and pid <> pg_backend_pid()")) {
      s.setString(1, "%" + table + "%");
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Locks the org's override row in {@code c}'s transaction: a save of it waits for the end. */
  private void holdOverrideRow(Connection c, Actor owner) throws SQLException {
    holdRow(c, owner, "org_pack_overrides", null);
  }

  /**
   * Locks the org's row of {@code table} whose {@code id} is given (or its one row, by {@code
   * org_id}, when {@code id} is null) in {@code c}'s transaction: a write of it waits for the end.
   */
  private void holdRow(Connection c, Actor owner, String table, java.util.@Nullable UUID id)
      throws SQLException {
    try (PreparedStatement org = c.prepareStatement("select set_config('app.org_id', ?, true)")) {
      org.setString(1, owner.orgId().toString());
      org.execute();
    }
    try (PreparedStatement lock =
        c.prepareStatement(
            "select org_id from "
                + schema
                + "."
                + table
                + " where org_id = ?"
                + (id == null ? "" : " and id = ?")
                + " for update")) {
      lock.setObject(1, owner.orgId());
      if (id != null) {
        lock.setObject(2, id);
      }
      try (ResultSet row = lock.executeQuery()) {
        assertThat(row.next()).as("the org's row of " + table).isTrue();
      }
    }
  }

  /**
   * A MockWebServer that answers at once, or holds the requests whose path a test names until it
   * lets them go, recording each one it holds.
   */
  static final class HeldServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();
    private volatile Predicate<String> holding = path -> false;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    HeldServer(java.util.function.Function<RecordedRequest, MockResponse> answer) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getUrl().encodedPath();
              CountDownLatch g = gate;
              if (g.getCount() > 0 && holding.test(path)) {
                held.add(path);
                try {
                  g.await(HOLD.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return answer.apply(request);
            }
          });
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    okhttp3.HttpUrl url(String path) {
      return server.url(path);
    }

    /** Holds the requests whose path matches from now until {@link #release}. */
    void hold(Predicate<String> paths) {
      held.clear();
      holding = paths;
      gate = new CountDownLatch(1);
    }

    /** The path of the next request held, waiting for it to arrive. */
    String held() throws InterruptedException {
      String path = held.poll(HOLD.toSeconds(), TimeUnit.SECONDS);
      assertThat(path).as("a request held by the server").isNotNull();
      return path;
    }

    /** Lets every held request be answered, and holds no more. */
    void release() {
      gate.countDown();
    }

    @Override
    public void close() {
      release();
      server.close();
    }
  }
}
