package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.nurture.TaskKind;
import ai.omniflow.tasks.Task;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lead page's tasks section over real HTTP, signed in with an API key in a fresh org whose time
 * zone is New York: tasks listed with their due time in that zone and their status, Done and Snooze
 * from the page, bad snooze input refused beside the field with nothing written, and members who
 * may not write leads shown no controls and refused a forged post.
 */
@DisplayName("The lead page's tasks")
class LeadTasksPageTest extends ServerTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  private Actor owner;
  private UUID agent;
  private String lead;

  @BeforeEach
  void aLeadInANewYorkOrg() {
    owner = newOrg("Lead Tasks Realty");
    omniFlow.packs().select(owner, "real-estate");
    omniFlow.tenancy().setTimeZone(owner, "America/New_York");
    agent = addMember(owner, Role.AGENT);
    var h = as(owner.orgId(), owner.userId());
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550191\"}, "
                + "\"text\": \"Is the house on Mission Street still available?\"}",
            h);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    Answer created = post("/leads/from-thread/" + in.json().path("thread_id").asString(), null, h);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    lead = created.json().path("id").asString();
  }

  private Task task(UUID assignee, String title, Duration dueIn) {
    Instant now = now();
    Task t =
        Task.open(
            UUID.randomUUID(),
            owner.orgId(),
            UUID.fromString(lead),
            assignee,
            TaskKind.CALL,
            title,
            now.plus(dueIn).truncatedTo(ChronoUnit.MINUTES),
            null,
            null,
            now);
    store.useTransaction(owner, tx -> tx.tasks().insert(t));
    return t;
  }

  private static String shown(Instant at) {
    return SHOWN.format(at.atZone(NEW_YORK));
  }

  /** The task's card on the page, from its start to the end of its list item. */
  private static String card(String page, Task t) {
    int at = page.indexOf("id=\"task-" + t.id() + "\"");
    assertThat(at).as("the page lists task " + t.title()).isPositive();
    return page.substring(at, page.indexOf("</li>", at));
  }

  private Task stored(Task t) {
    return omniFlow.tasks().get(owner, t.id());
  }

  @Test
  @DisplayName("tasks are listed with their due time in the org's zone and their status")
  void tasksAreListedWithDueTimeAndStatus() throws Exception {
    Task call = task(agent, "Call about the viewing", Duration.ofHours(3));
    Task visit = task(owner.userId(), "Visit the house", Duration.ofDays(2));
    omniFlow.tasks().complete(owner, visit.id());

    String page = pagesAs(owner, owner.userId()).get("/leads/" + lead).body();

    assertThat(card(page, call))
        .contains("call: Call about the viewing")
        .contains("id=\"task-status-" + call.id() + "\"")
        .contains(">open<")
        .contains(shown(call.dueAt()))
        .contains("datetime=\"" + call.dueAt() + "\"")
        .contains("id=\"task-complete-" + call.id() + "\"")
        .contains("id=\"task-snooze-" + call.id() + "\"")
        .contains("(America/New_York)");
    assertThat(card(page, visit))
        .contains(">done<")
        .doesNotContain("task-complete-")
        .doesNotContain("task-snooze-");
    assertThat(page.indexOf("id=\"task-" + call.id()))
        .isLessThan(page.indexOf("id=\"task-" + visit.id()));
  }

  @Test
  @DisplayName(
      "Done completes a task from the page, and Snooze moves its due time in the org's zone")
  void doneAndSnoozeFromThePage() throws Exception {
    Task call = task(agent, "Call about the viewing", Duration.ofHours(3));
    Task email = task(agent, "Send the brochure", Duration.ofHours(4));
    PageClient pages = pagesAs(owner, owner.userId());

    HttpResponse<String> done =
        pages.submit(
            "/leads/" + lead, "/ui/leads/" + lead + "/tasks/" + call.id() + "/complete", "");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    assertThat(stored(call).status()).isEqualTo(Task.Status.DONE);

    LocalDateTime until =
        LocalDateTime.ofInstant(now(), NEW_YORK).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
    HttpResponse<String> snoozed =
        pages.submit(
            "/leads/" + lead,
            "/ui/leads/" + lead + "/tasks/" + email.id() + "/snooze",
            "until=" + PageClient.enc(until.toString()));
    assertThat(snoozed.statusCode()).as(snoozed.body()).isEqualTo(302);
    Instant due = until.atZone(NEW_YORK).toInstant();
    assertThat(stored(email).status()).isEqualTo(Task.Status.SNOOZED);
    assertThat(stored(email).dueAt()).isEqualTo(due);

    String page = pages.get("/leads/" + lead).body();
    assertThat(page).contains("Snoozed: Send the brochure, due " + shown(due) + ".");
    assertThat(card(page, email)).contains(">snoozed<").contains(shown(due));
    assertThat(card(page, call)).contains(">done<");
  }

  @Test
  @DisplayName("bad snooze input shows a clear error beside the field and writes nothing")
  void badSnoozeInputIsRefusedBesideTheField() throws Exception {
    Task call = task(agent, "Call about the viewing", Duration.ofHours(3));
    PageClient pages = pagesAs(owner, owner.userId());
    String action = "/ui/leads/" + lead + "/tasks/" + call.id() + "/snooze";
    String hostile = "<script>alert(1)</script>" + "9".repeat(200);
    LocalDateTime local = LocalDateTime.ofInstant(now(), NEW_YORK).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime past = local.minusHours(1);
    LocalDateTime tooFar = local.plusDays(91);

    for (String bad : new String[] {"", "tomorrow", hostile, past.toString(), tooFar.toString()}) {
      long[] before = writes(owner);
      HttpResponse<String> refused =
          pages.submit("/leads/" + lead, action, "until=" + PageClient.enc(bad));

      assertThat(refused.statusCode()).as(bad).isEqualTo(422);
      String shown = card(refused.body(), call);
      assertThat(shown)
          .as(bad)
          .contains("id=\"snooze-" + call.id() + "-until-error\"")
          .contains("aria-invalid=\"true\"")
          .containsPattern("until must be (a date and time|an instant after now)");
      assertThat(refused.body()).doesNotContain("<script>alert").doesNotContain("Exception");
      if (!bad.isEmpty() && !bad.equals("tomorrow")) {
        assertThat(refused.body()).doesNotContain(bad);
      }
      assertThat(writes(owner)).as(bad).containsExactly(before);
      assertThat(stored(call).status()).isEqualTo(Task.Status.OPEN);
      assertThat(stored(call).dueAt()).isEqualTo(call.dueAt());
    }
  }

  @Test
  @DisplayName("a viewer sees the tasks without controls, and a forged Done is 403 writing nothing")
  void aViewerCannotCompleteOrSnooze() throws Exception {
    UUID viewerId = addMember(owner, Role.VIEWER);
    Task call = task(viewerId, "Call about the viewing", Duration.ofHours(3));
    PageClient viewer = pagesAs(owner, viewerId);

    String page = viewer.get("/leads/" + lead).body();
    assertThat(card(page, call)).contains(">open<").doesNotContain("task-complete-");

    long[] before = writes(owner);
    HttpResponse<String> forged =
        viewer.submit(
            "/leads/" + lead, "/ui/leads/" + lead + "/tasks/" + call.id() + "/complete", "");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("<h1>Forbidden</h1>").doesNotContain("Exception");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(stored(call).status()).isEqualTo(Task.Status.OPEN);
  }

  @Test
  @DisplayName("a task of another lead or a malformed id is a 404 page that writes nothing")
  void aTaskOfAnotherLeadIsNotFound() throws Exception {
    Task call = task(owner.userId(), "Call about the viewing", Duration.ofHours(3));
    PageClient pages = pagesAs(owner, owner.userId());
    String otherLead = UUID.randomUUID().toString();
    long[] before = writes(owner);

    HttpResponse<String> elsewhere =
        pages.submit(
            "/leads/" + lead, "/ui/leads/" + otherLead + "/tasks/" + call.id() + "/complete", "");
    HttpResponse<String> malformed =
        pages.submit(
            "/leads/" + lead, "/ui/leads/" + lead + "/tasks/" + "x".repeat(300) + "/complete", "");

    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(malformed.body()).doesNotContain("x".repeat(300));
    assertThat(writes(owner)).containsExactly(before);
    assertThat(stored(call).status()).isEqualTo(Task.Status.OPEN);
  }
}
