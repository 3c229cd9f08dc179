package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.omniflow.store.spi.StoreTransaction;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

@DisplayName("The Store compatibility kit")
class StoreCompatibilityKitTest {
  private static final List<String> ATTRIBUTION_PARTS =
      List.of("ExternalTouchpointSuite", "SpendSuite", "JourneySuite");

  @Test
  @DisplayName("has a nested suite for every repository a transaction exposes")
  void hasANestedSuiteForEveryRepository() {
    List<String> repositories =
        java.util.stream.Stream.concat(
                Arrays.stream(StoreTransaction.class.getMethods()),
                // The repositories the store hands out outside a transaction (webhookInbox).
                Arrays.stream(ai.omniflow.store.spi.Store.class.getMethods()))
            .map(Method::getReturnType)
            .map(Class::getSimpleName)
            .filter(name -> name.endsWith("Repository"))
            .map(name -> name.substring(0, name.length() - "Repository".length()) + "Suite")
            // Attribution's three repositories are read together (a journey joins external
            // touchpoints and spend), so one suite checks them together.
            .map(suite -> ATTRIBUTION_PARTS.contains(suite) ? "AttributionSuite" : suite)
            .distinct()
            .toList();
    List<String> suites =
        Arrays.stream(StoreCompatibilityKit.class.getDeclaredClasses())
            .filter(nested -> nested.isAnnotationPresent(Nested.class))
            .map(nested -> nested.getSuperclass().getSimpleName())
            .toList();

    assertThat(repositories).hasSizeGreaterThanOrEqualTo(14).contains("WebhookInboxSuite");
    assertThat(suites).containsAll(repositories).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("names each test by its method name read as words, keeping acronyms")
  void namesTestsAsSentences() {
    assertThat(SentenceDisplayNames.sentence("leaveNothingBehindWhenTheWorkThrows"))
        .isEqualTo("leave nothing behind when the work throws");
    assertThat(SentenceDisplayNames.sentence("anAPIKeyIsRevokedOnce"))
        .isEqualTo("an API key is revoked once");
    assertThat(SentenceDisplayNames.sentence("aContactsLatestMessagesComeOldestFirst"))
        .isEqualTo("a contacts latest messages come oldest first");
  }

  @Test
  @DisplayName("reports every test of a host as a sentence under its suite, 152 in all")
  void reportsTestsAsSentencesUnderTheirSuites() {
    TestPlan plan =
        LauncherFactory.create()
            .discover(
                LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(InMemoryStoreCompatibilityTest.class))
                    .build());
    List<String> tests = new ArrayList<>();
    collectTests(plan, plan.getRoots(), tests);

    assertThat(tests)
        .hasSize(152)
        .contains(
            "Transactions › leave nothing behind when the work throws",
            "API keys › revoking an unknown key finds nothing",
            "Memberships › a second membership of the same user conflicts",
            "Leads › a lead reads back as written and only in its org",
            "Languages: a contact's and its lead's, and who set them › a leads language reads"
                + " back as written and changes with an update",
            "The webhook inbox: stored deliveries, claims and the account directory › a claim"
                + " leases due deliveries oldest first until the lease ends",
            "SLA: the org's policy and its business calendars › a taken id or scope is a conflict"
                + " and a missing calendar is not found");
  }

  private static void collectTests(
      TestPlan plan, Iterable<TestIdentifier> identifiers, List<String> into) {
    for (TestIdentifier id : identifiers) {
      if (id.isTest()) {
        String suite = plan.getParent(id).orElseThrow().getDisplayName();
        into.add(suite + " › " + id.getDisplayName());
      }
      collectTests(plan, plan.getChildren(id), into);
    }
  }
}
