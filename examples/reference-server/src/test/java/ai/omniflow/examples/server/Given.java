package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.examples.server.ServerTest.Answer;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a page test sets up in an org before it looks, over the JSON API as a member whose headers
 * are given ({@link ServerTest#given}): direct messages, leads, won deals, routing groups, and the
 * SLA policy put back as it was. Each call checks its answer, so a set-up that fails says so where
 * it failed rather than as a missing row on a page.
 *
 * <pre>{@code
 * Given given = given(owner);
 * String late = given.dm("ig_late", Duration.ofHours(2));
 * String lead = given.lead(late);
 * }</pre>
 */
final class Given {
  /** What {@link #dm(String, Duration)} asks. */
  static final String QUESTION = "Is the house still available?";

  private final ServerTest server;
  private final Map<String, String> as;

  Given(ServerTest server, Map<String, String> as) {
    this.server = server;
    this.as = as;
  }

  /** A direct message on Instagram from {@code handle}, received {@code ago}; its thread's id. */
  String dm(String handle, Duration ago) {
    return dm(handle, ago, QUESTION);
  }

  /**
   * A direct message on Instagram from {@code handle} saying {@code text}, received {@code ago}.
   */
  String dm(String handle, Duration ago, String text) {
    return thread(
        "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
            + handle
            + "\", \"name\": \""
            + handle
            + "\"}, \"text\": \""
            + text
            + "\", \"sent_at\": \""
            + server.now().minus(ago)
            + "\"}");
  }

  /** The thread's id of the mock event {@code json} ({@code POST /inbox/ingest/mock}). */
  String thread(String json) {
    Answer in = server.post("/inbox/ingest/mock", json, as);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in.json().path("thread_id").asString();
  }

  /**
   * The lead of {@code thread}'s contact ({@code POST /leads/from-thread/{id}}): made now, or made
   * already, as a lead form's is when it is ingested; its id.
   */
  String lead(String thread) {
    Answer lead = server.post("/leads/from-thread/" + thread, null, as);
    assertThat(lead.status()).as(lead.body()).isBetween(200, 201);
    return lead.json().path("id").asString();
  }

  /**
   * A direct message from a new person named {@code name} saying {@code text}, made a lead and won
   * for {@code amount} USD; the lead's id.
   */
  String wonDeal(String handle, String name, String text, String amount) {
    String thread =
        thread(
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
                + handle
                + "\", \"name\": \""
                + name
                + "\"}, \"text\": \""
                + text
                + "\"}");
    String lead = lead(thread);
    Answer won =
        server.post(
            "/leads/" + lead + "/outcome",
            "{\"status\": \"won\", \"amount\": \"" + amount + "\", \"currency\": \"USD\"}",
            as);
    assertThat(won.status()).as(won.body()).isBetween(200, 201);
    return lead;
  }

  /**
   * The body of an org playbook {@code key} named {@code name} of two steps: a call task, then a
   * step {@code step} that moves the lead to {@code stage} (which the org's pack must have when it
   * is saved).
   */
  static String callThenStage(String key, String name, String step, String stage) {
    return """
        {"key": "%s", "name": "%s", "stop_on_reply": false,
         "steps": [
           {"key": "call", "task": {"kind": "call", "title": "Call the buyer"}},
           {"key": "%s", "change_stage": {"stage": "%s"}}]}
        """
        .formatted(key, name, step, stage);
  }

  /** Saves the org playbook {@code json} ({@code POST /nurture/playbooks}); its answer. */
  Answer playbook(String json) {
    Answer created = server.post("/nurture/playbooks", json, as);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  /** A round-robin routing group {@code key} named "Night {@code key}". */
  void routingGroup(String key) {
    Answer group =
        server.post(
            "/routing/groups",
            "{\"key\": \""
                + key
                + "\", \"name\": \"Night "
                + key
                + "\", \"policy\": \"round_robin\"}",
            as);
    assertThat(group.status()).as(group.body()).isEqualTo(201);
  }

  /**
   * The SLA policy in force now, to put back ({@link SlaPolicy#putBack}) after a test that changes
   * a shared org's policy.
   */
  SlaPolicy slaPolicy() {
    return new SlaPolicy(server.get("/sla/config", as).body());
  }

  /** An SLA policy as {@code GET /sla/config} answered it. */
  final class SlaPolicy {
    private final String policy;

    private SlaPolicy(String policy) {
      this.policy = policy;
    }

    /** Makes it the policy in force again ({@code PUT /sla/config}). */
    void putBack() {
      ObjectNode was = (ObjectNode) ServerTest.JSON.readTree(policy);
      was.remove("source");
      Answer back = server.send("PUT", "/sla/config", was.toString(), as);
      assertThat(back.status()).as(back.body()).isEqualTo(200);
    }
  }
}
