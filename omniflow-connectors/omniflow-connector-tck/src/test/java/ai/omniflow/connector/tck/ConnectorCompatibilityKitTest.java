package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit, as a connector author's build would, against an honest connector and against
 * connectors with one flaw each, and checks that the kit passes the first and fails each of the
 * others exactly in the tests that look for the flaw.
 */
class ConnectorCompatibilityKitTest {

  @Test
  @DisplayName("passes an honest connector, skipping nothing it declares")
  void passesHonestConnector() {
    KitOutcome outcome = run(ReferenceKitRun.class);
    assertThat(outcome.failed()).as("failures: %s", outcome.failures()).isEmpty();
    assertThat(outcome.succeeded()).hasSizeGreaterThan(40);
    // The reference connector uses OAuth and sends text: only the API-key tests, the checks for
    // undeclared capabilities and the no-handshake test are skipped.
    assertThat(outcome.skipped())
        .containsExactlyInAnyOrder(
            "checks a key and names the accounts it reaches",
            "reports a rejected key as AUTH_EXPIRED",
            "refuses a template when it does not declare TEMPLATES",
            "refuses free text when it does not declare OUTBOUND_TEXT",
            "refuses OAuth calls when it uses API keys",
            "answers no handshake when the platform has none");
  }

  @Test
  @DisplayName("fails a connector that skips signature checks, in the signature tests only")
  void failsConnectorSkippingSignatures() {
    KitOutcome outcome = run(BrokenConnectors.SkipsSignatureChecks.class);
    assertThat(outcome.failed())
        .containsExactlyInAnyOrder(
            "rejects a webhook whose body was changed after signing",
            "rejects a webhook signed with another secret",
            "rejects a webhook without its signature header",
            "rejects a webhook whose signature header holds garbage",
            // the secrecy test provokes a signature failure too, and gets none
            "puts no token, code, verifier or secret in any failure's message");
  }

  @Test
  @DisplayName("fails a connector that reuses dedupe keys for different events")
  void failsConnectorReusingKeys() {
    KitOutcome outcome = run(BrokenConnectors.ReusesDedupeKeys.class);
    assertThat(outcome.failed()).containsExactly("differ between different events");
  }

  @Test
  @DisplayName("fails a connector whose dedupe keys change between redeliveries")
  void failsConnectorWithRandomKeys() {
    KitOutcome outcome = run(BrokenConnectors.RandomDedupeKeys.class);
    assertThat(outcome.failed())
        .contains(
            "are the same when the same delivery is parsed twice",
            "are the same when another connector instance parses the redelivery",
            "gives the same bytes the same events");
  }

  @Test
  @DisplayName("fails a connector that leaks a token in an exception message")
  void failsConnectorLeakingToken() {
    KitOutcome outcome = run(BrokenConnectors.LeaksToken.class);
    assertThat(outcome.failed())
        .containsExactly("puts no token, code, verifier or secret in any failure's message");
    assertThat(outcome.failures())
        .singleElement()
        .asString()
        .contains("must not contain a token or secret");
  }

  /** What one run of the kit did, by the display names of its tests. */
  record KitOutcome(
      List<String> succeeded, List<String> failed, List<String> skipped, List<String> failures) {}

  private static KitOutcome run(Class<?> kitRun) {
    List<String> succeeded = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
              skipped.add(test.getDisplayName());
            }
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest() && result.getStatus() != TestExecutionResult.Status.FAILED) {
              return;
            }
            switch (result.getStatus()) {
              case SUCCESSFUL -> succeeded.add(test.getDisplayName());
              case ABORTED -> skipped.add(test.getDisplayName());
              case FAILED -> {
                failed.add(test.getDisplayName());
                failures.add(
                    result.getThrowable().map(Throwable::toString).orElse("(no throwable)"));
              }
            }
          }
        };
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kitRun)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener);
    return new KitOutcome(succeeded, failed, skipped, failures);
  }
}
