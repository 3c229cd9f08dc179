package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ReplyWindow;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The inbox page's "most urgent first" list with the conversations a person can answer first
 * (decision 0094): the threads in SLA-due order, those whose channel takes a reply now ({@link
 * ReplyWindow#OPEN}, as the send decides it) first, then, in the same order, those whose window is
 * closed or whose channel takes no reply. It reads the SLA-due list a page of {@link
 * PageRequest#MAX_LIMIT} at a time and stops once it has enough answerable ones to show or has read
 * {@link #SCANNED} threads: an answerable thread further down than that is not lifted. Thread-safe.
 */
final class AnswerableFirst {
  /** The most threads read to find answerable ones. */
  static final int SCANNED = 1_000;

  private AnswerableFirst() {}

  /**
   * The first {@code shown} threads passing {@code filters} (whose order is SLA-due), answerable
   * first, with the number that pass.
   */
  static Page<InboxThread> threads(
      OmniFlow omniFlow, Actor actor, InboxFilters filters, int shown) {
    Instant now = omniFlow.clock().instant();
    List<InboxThread> answerable = new ArrayList<>();
    List<InboxThread> others = new ArrayList<>();
    long total = 0;
    for (int offset = 0; offset < SCANNED && answerable.size() < shown; ) {
      Page<InboxThread> page =
          filters.threads(omniFlow, actor, PageRequest.of(PageRequest.MAX_LIMIT, offset));
      total = page.total();
      for (InboxThread t : page.items()) {
        (ReplyWindow.of(t, now) == ReplyWindow.OPEN ? answerable : others).add(t);
      }
      offset += page.items().size();
      if (page.items().size() < PageRequest.MAX_LIMIT) {
        break;
      }
    }
    List<InboxThread> listed = new ArrayList<>(answerable);
    listed.addAll(others);
    PageRequest first = PageRequest.of(shown, 0);
    return Page.of(listed.subList(0, Math.min(shown, listed.size())), first, total);
  }

  /**
   * What a list row says of a thread nobody can answer now on its channel, or {@code null} when a
   * reply can be sent.
   */
  static @Nullable String note(ReplyWindow window) {
    return switch (window) {
      case OPEN -> null;
      case CLOSED -> "window closed — template needed";
      case NOT_REPLYABLE -> "cannot be answered here";
    };
  }
}
