package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.tenancy.Actor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The inbox page's thread filters as read from its query: channel, status, assignee (a member's
 * user id, or {@value #UNASSIGNED}), SLA states ({@code sla=at_risk,breached}) and order ({@code
 * sort=sla_due} for the most urgent first). Each is read as {@code GET /inbox/threads} reads it
 * ({@link InboxApi}) and a bad one is refused the same way, never echoed; the values are kept in a
 * canonical form so the page's selects show what is in force.
 *
 * @param channel the channel id, or empty for every channel
 * @param status the status wire name, or empty
 * @param assignee a user id, {@value #UNASSIGNED}, or empty
 * @param sla the SLA states in the vocabulary's order, comma-separated, or empty
 * @param sort {@code sla_due}, or empty for the latest activity first
 * @param filter what {@code omniFlow.inbox().threads} keeps
 * @param slaQuery what {@code omniFlow.sla().threads} keeps, and its order
 */
record InboxFilters(
    String channel,
    String status,
    String assignee,
    String sla,
    String sort,
    ThreadFilter filter,
    SlaThreadQuery slaQuery) {
  /** The assignee value that keeps the threads nobody is assigned to. */
  static final String UNASSIGNED = "unassigned";

  /** The SLA choices the page offers, by their value; other combinations are read all the same. */
  static final Map<String, String> SLA_CHOICES = slaChoices();

  /** The orders the page offers, by their value. */
  static final Map<String, String> SORT_CHOICES = sortChoices();

  /**
   * The filters of the page's query parameters.
   *
   * @throws OmniFlowException (invalid input or bad request) {@code unknown_channel}, {@code
   *     invalid_status}, {@code invalid_assignee}, {@code invalid_sla} or {@code invalid_sort},
   *     none echoing a long value
   */
  static InboxFilters read(
      @Nullable String channel,
      @Nullable String status,
      @Nullable String assignee,
      @Nullable String sla,
      @Nullable String sort) {
    ThreadFilter filter = ThreadFilter.ALL;
    String channelId = InboxApi.blank(channel);
    if (channelId != null) {
      filter = filter.withChannel(InboxApi.channel(channelId));
    }
    String statusId = InboxApi.blank(status);
    if (statusId != null) {
      filter = filter.withStatus(ThreadStatus.parse(statusId));
    }
    String assigneeId = InboxApi.blank(assignee);
    if (UNASSIGNED.equals(assigneeId)) {
      filter = filter.onlyUnassigned();
    } else if (assigneeId != null) {
      filter = filter.withAssignee(InboxApi.uuid(assigneeId, "invalid_assignee", "assignee"));
      assigneeId = filter.assigneeUserId().toString();
    }
    SlaThreadQuery query = new SlaThreadQuery(InboxApi.slaStates(sla), InboxApi.sort(sort));
    String slaValue =
        query.states().stream().sorted().map(SlaState::wireName).collect(Collectors.joining(","));
    return new InboxFilters(
        channelId == null ? "" : filter.channel().id(),
        statusId == null ? "" : filter.status().wireName(),
        assigneeId == null ? "" : assigneeId,
        slaValue,
        query.sort() == SlaThreadQuery.Sort.SLA_DUE ? query.sort().wireName() : "",
        filter,
        query);
  }

  /** Whether any filter narrows the list (the order alone does not). */
  public boolean narrowed() {
    return !channel.isEmpty() || !status.isEmpty() || !assignee.isEmpty() || !sla.isEmpty();
  }

  /** The threads that pass, one page of them: through the SLA lists when SLA plays a part. */
  Page<InboxThread> threads(OmniFlow omniFlow, Actor actor, PageRequest page) {
    return slaQuery.equals(SlaThreadQuery.ANY)
        ? omniFlow.inbox().threads(actor, filter, page)
        : omniFlow.sla().threads(actor, filter, slaQuery, page);
  }

  /** The channel ids and status wire names the page's selects offer. */
  static List<String> statuses() {
    return Arrays.stream(ThreadStatus.values()).map(ThreadStatus::wireName).toList();
  }

  private static Map<String, String> sortChoices() {
    Map<String, String> choices = new LinkedHashMap<>();
    choices.put("", "Latest activity first");
    choices.put(SlaThreadQuery.Sort.SLA_DUE.wireName(), "Most urgent SLA first");
    return java.util.Collections.unmodifiableMap(choices);
  }

  private static Map<String, String> slaChoices() {
    Map<String, String> choices = new LinkedHashMap<>();
    choices.put("", "Any SLA state");
    choices.put("at_risk,breached", "At risk or breached");
    for (SlaState s : SlaState.values()) {
      choices.put(s.wireName(), s == SlaState.NONE ? "No SLA clock" : SlaBadge.label(s));
    }
    return java.util.Collections.unmodifiableMap(choices);
  }
}
