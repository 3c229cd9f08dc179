package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile values at the inbox's doors: inbound times outside the window, NUL in platform text and
 * in drafts, oversized ids. The in-memory store here; {@code omniflow-jdbc} runs the same tests on
 * PostgreSQL, where NUL used to fail the insert.
 */
@DisplayName("The inbox bounds what enters it")
public class InboxBoundsTest {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected OmniFlow omniFlow;
  protected Actor owner;
  protected Actor system;

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    omniFlow = OmniFlow.builder().store(newStore()).clock(clock).build();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    system = Actor.system(org);
  }

  private static InboundEvent.Message dm(String key, String text, Instant at, Referral referral) {
    return new InboundEvent.Message(
        key,
        "page-1",
        Channel.INSTAGRAM_DM,
        "pm-" + key,
        Sender.ofHandle("ig-" + key),
        text,
        at,
        referral);
  }

  private long written() {
    return omniFlow.events().list(owner, PageRequest.first()).total()
        + omniFlow.audit().list(owner, PageRequest.first()).total();
  }

  private void assertRefusedWritingNothing(Runnable call, String code) {
    long before = written();
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).hasSizeLessThan(300);
            });
    assertThat(written()).isEqualTo(before);
  }

  @Test
  void aSentAtInTheFutureOrFarBackIsRefusedWritingNothing() {
    Instant now = clock.instant();
    for (Instant bad :
        new Instant[] {
          Instant.parse("2999-01-01T00:00:00Z"),
          now.plus(Duration.ofMinutes(6)),
          now.minus(Duration.ofDays(31)),
          Instant.parse("-290000-01-01T00:00:00Z"),
          Instant.MIN,
          Instant.MAX
        }) {
      assertRefusedWritingNothing(
          () -> omniFlow.inbox().ingest(system, null, dm("k" + bad, "hi", bad, Referral.NONE)),
          "invalid_sent_at");
    }
  }

  @Test
  void aSentAtAtEitherEdgeOfTheWindowIsTaken() {
    Instant now = clock.instant();
    IngestResult early =
        omniFlow
            .inbox()
            .ingest(system, null, dm("early", "hi", now.minus(Duration.ofDays(30)), Referral.NONE));
    IngestResult late =
        omniFlow
            .inbox()
            .ingest(system, null, dm("late", "hi", now.plus(Duration.ofMinutes(5)), Referral.NONE));
    assertThat(early.duplicate()).isFalse();
    assertThat(late.duplicate()).isFalse();
  }

  @Test
  void theWindowIsConfigurable() {
    OmniFlow narrow =
        omniFlow.toBuilder()
            .sentAtWindow(new SentAtWindow(Duration.ofDays(1), Duration.ZERO))
            .build();
    Instant twoDaysAgo = clock.instant().minus(Duration.ofDays(2));
    assertThatThrownBy(
            () -> narrow.inbox().ingest(system, null, dm("n", "hi", twoDaysAgo, Referral.NONE)))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_sent_at"));
    assertThat(narrow.toBuilder().build().inbox()).isNotNull();
    assertThatThrownBy(() -> new SentAtWindow(Duration.ofDays(400), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nulInAPlatformsTextAndNameIsRemovedAndTheMessageKept() {
    InboundEvent.Message event =
        new InboundEvent.Message(
            "nul",
            "page-1",
            Channel.INSTAGRAM_DM,
            "pm-nul",
            new Sender("ig-nul", "Ana\0 Lopez", null, null),
            "hel\0lo",
            clock.instant(),
            Referral.NONE);

    IngestResult r = omniFlow.inbox().ingest(system, null, event);

    assertThat(omniFlow.inbox().messages(owner, r.threadId(), PageRequest.first()).items())
        .singleElement()
        .satisfies(m -> assertThat(m.text()).isEqualTo("hello"));
    assertThat(omniFlow.contacts().contact(owner, r.contactId()).displayName())
        .isEqualTo("Ana Lopez");
  }

  @Test
  void nulInALeadFormsAnswersIsRemoved() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("full_name", "Bo\0");
    fields.put("budget", "5\0000");
    InboundEvent.LeadForm form =
        new InboundEvent.LeadForm(
            "form-nul",
            "page-1",
            "lead-1",
            "form-1",
            new Sender(null, "Bo", "+14155550101", null),
            fields,
            clock.instant(),
            Referral.NONE);

    IngestResult r = omniFlow.inbox().ingest(system, null, form);

    assertThat(omniFlow.inbox().messages(owner, r.threadId(), PageRequest.first()).items())
        .singleElement()
        .satisfies(m -> assertThat(m.text()).doesNotContain("\0").contains("budget: 50"));
  }

  @Test
  void anOversizedReferralIdOrTooManyFormFieldsIsRefusedWritingNothing() {
    String huge = "c".repeat(Limits.MAX_ID + 1);
    assertRefusedWritingNothing(
        () ->
            omniFlow
                .inbox()
                .ingest(
                    system, null, dm("big", "hi", clock.instant(), new Referral(huge, null, null))),
        "invalid_campaign");
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i <= Limits.MAX_LIST; i++) {
      fields.put("q" + i, "a");
    }
    assertRefusedWritingNothing(
        () ->
            omniFlow
                .inbox()
                .ingest(
                    system,
                    null,
                    new InboundEvent.LeadForm(
                        "many",
                        "page-1",
                        "lead-2",
                        "form-1",
                        new Sender(null, "Bo", "+14155550102", null),
                        fields,
                        clock.instant(),
                        Referral.NONE)),
        "invalid_fields");
  }

  @Test
  void aDraftWithNulIsRefusedNamingTheFieldAndWritesNothing() {
    IngestResult r =
        omniFlow.inbox().ingest(system, null, dm("d", "hi", clock.instant(), Referral.NONE));
    long before = written();
    assertThatThrownBy(() -> omniFlow.inbox().draft(owner, r.threadId(), "hi\0there"))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_draft");
              assertThat(e.getMessage()).startsWith("text ");
            });
    assertThat(written()).isEqualTo(before);
  }
}
