package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.nurture.TaskKind;
import ai.omniflow.tasks.Task;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Task endpoints: list, complete and snooze tasks, each person their own")
class TasksApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;
  private UUID agent;
  private Map<String, String> asAgent;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Task Realty");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
    agent = addMember(owner, Role.AGENT);
    asAgent = as(owner.orgId(), agent);
  }

  private String lead(Actor org, Map<String, String> headers, String phone) {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \""
                + phone
                + "\"}, \"text\": \"Is the house on Mission Street still available?\"}",
            headers);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    Answer lead =
        post("/leads/from-thread/" + in.json().path("thread_id").asString(), null, headers);
    assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    return lead.json().path("id").asString();
  }

  private Task task(Actor org, String leadId, UUID assignee, Duration dueIn) {
    Instant now = Instant.now();
    Task t =
        Task.open(
            UUID.randomUUID(),
            org.orgId(),
            UUID.fromString(leadId),
            assignee,
            TaskKind.CALL,
            "Call the lead",
            now.plus(dueIn),
            null,
            null,
            now);
    store.useTransaction(org, tx -> tx.tasks().insert(t));
    return t;
  }

  @Test
  void anAgentListsCompletesAndSnoozesTheirOwnTasks() {
    String lead = lead(owner, asOwner, "+14155550171");
    Task first = task(owner, lead, agent, Duration.ofHours(1));
    Task second = task(owner, lead, agent, Duration.ofHours(2));
    task(owner, lead, owner.userId(), Duration.ofHours(3));

    Answer mine = get("/tasks?status=open&limit=1", asAgent);
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(mine.json().path("items")).hasSize(1);
    assertThat(mine.json().path("items").get(0).path("id").asString())
        .isEqualTo(first.id().toString());
    String cursor = mine.json().path("next_cursor").asString();
    Answer next = get("/tasks?status=open&limit=1&cursor=" + cursor, asAgent);
    assertThat(next.json().path("items").get(0).path("id").asString())
        .isEqualTo(second.id().toString());
    assertThat(get("/tasks", asOwner).json().path("items")).hasSize(3);

    Instant until =
        Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Answer snoozed =
        post("/tasks/" + first.id() + "/snooze", "{\"until\": \"" + until + "\"}", asAgent);
    assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
    assertThat(snoozed.json().path("status").asString()).isEqualTo("snoozed");
    assertThat(snoozed.json().path("due_at").asString()).isEqualTo(until.toString());

    Answer done = post("/tasks/" + first.id() + "/complete", null, asAgent);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("status").asString()).isEqualTo("done");
    assertRefusedWritingNothing(
        owner,
        () -> post("/tasks/" + first.id() + "/snooze", "{\"until\": \"" + until + "\"}", asAgent),
        409,
        "task_done");
  }

  @Test
  void badInputIsRefusedWith422AndWritesNothing() {
    String lead = lead(owner, asOwner, "+14155550172");
    Task t = task(owner, lead, agent, Duration.ofHours(1));
    String snooze = "/tasks/" + t.id() + "/snooze";

    assertRefusedWritingNothing(
        owner, () -> get("/tasks?status=later", asAgent), 422, "invalid_task_status");
    assertRefusedWritingNothing(
        owner, () -> get("/tasks?assignee=bob", asOwner), 422, "invalid_assignee");
    assertRefusedWritingNothing(
        owner, () -> get("/tasks?due_before=tomorrow", asAgent), 422, "invalid_due_before");
    assertRefusedWritingNothing(
        owner, () -> get("/tasks?limit=500", asAgent), 422, "invalid_task_limit");
    assertRefusedWritingNothing(
        owner, () -> get("/tasks?cursor=abc", asAgent), 422, "invalid_task_cursor");
    assertRefusedWritingNothing(
        owner, () -> post(snooze, "{}", asAgent), 422, "invalid_snooze_until");
    assertRefusedWritingNothing(
        owner,
        () -> post(snooze, "{\"until\": \"next week\"}", asAgent),
        422,
        "invalid_snooze_until");
    assertRefusedWritingNothing(
        owner,
        () -> post(snooze, "{\"until\": \"" + Instant.now().minusSeconds(60) + "\"}", asAgent),
        422,
        "invalid_snooze_until");
    assertRefusedWritingNothing(
        owner,
        () ->
            post(
                snooze,
                "{\"until\": \"" + Instant.now().plus(Duration.ofDays(91)) + "\"}",
                asAgent),
        422,
        "invalid_snooze_until");
    assertRefusedWritingNothing(
        owner,
        () ->
            post(
                snooze,
                "{\"until\": \"" + Instant.now().plusSeconds(600) + "\", \"x\": 1}",
                asAgent),
        422,
        "unknown_property");
    assertThat(get("/tasks", asAgent).json().path("items").get(0).path("status").asString())
        .isEqualTo("open");
  }

  @Test
  void anotherAgentsOrAnotherOrgsTaskIsNotFoundAndAViewerMayNotAct() {
    String lead = lead(owner, asOwner, "+14155550173");
    Task t = task(owner, lead, agent, Duration.ofHours(1));
    UUID colleague = addMember(owner, Role.AGENT);
    UUID viewer = addMember(owner, Role.VIEWER);
    Actor stranger = newOrg("Other Realty");
    Map<String, String> asStranger = as(stranger.orgId(), stranger.userId());
    Map<String, String> asColleague = as(owner.orgId(), colleague);

    assertThat(get("/tasks", asColleague).json().path("items")).isEmpty();
    assertRefusedWritingNothing(
        owner, () -> get("/tasks?assignee=" + agent, asColleague), 403, "forbidden");
    assertRefusedWritingNothing(
        owner, () -> post("/tasks/" + t.id() + "/complete", null, asColleague), 404, "not_found");
    assertRefusedWritingNothing(
        owner,
        () -> post("/tasks/" + t.id() + "/complete", null, as(owner.orgId(), viewer)),
        403,
        "forbidden");
    assertRefusedWritingNothing(
        owner, () -> post("/tasks/" + t.id() + "/complete", null, asStranger), 404, "not_found");
    assertRefusedWritingNothing(
        owner, () -> post("/tasks/not-a-uuid/complete", null, asAgent), 404, "not_found");
    assertThat(get("/tasks", asStranger).json().path("items")).isEmpty();

    JsonNode listed = get("/tasks?assignee=" + agent, asOwner).json().path("items");
    assertThat(listed).hasSize(1);
    Answer done = post("/tasks/" + t.id() + "/complete", null, asOwner);
    assertThat(done.json().path("status").asString()).isEqualTo("done");
  }
}
