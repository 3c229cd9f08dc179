package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.webhooks.ProcessingReport;
import ai.omniflow.webhooks.WebhookService;
import ai.omniflow.webhooks.WebhookSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link WebhookService#process} on one thread of its own while the server runs: batch after
 * batch while deliveries are due, then a pause of {@code omniflow.webhooks.poll-interval}. Every
 * node may run one (claims are leased, decision 0044); {@code
 * omniflow.webhooks.worker-enabled=false} turns it off on a node. A failing batch is logged and
 * retried after the pause. Stops with the server, finishing the batch in hand.
 */
@Component
final class WebhookWorker implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);

  private final OmniFlow omniFlow;
  private final boolean enabled;
  private final Duration poll;
  private final WebhookSettings settings;
  private final AtomicLong processed = new AtomicLong();
  private volatile boolean running;
  private volatile Thread thread;

  WebhookWorker(OmniFlow omniFlow, ServerProperties properties) {
    this.omniFlow = omniFlow;
    this.enabled = properties.webhooks().worker();
    this.poll = properties.webhooks().poll();
    this.settings = properties.webhooks().settings();
  }

  @Override
  public void start() {
    if (!enabled || running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, "omniflow-webhook-worker");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Deliveries this worker settled since the server started. */
  long processed() {
    return processed.get();
  }

  private void loop() {
    while (running) {
      ProcessingReport report;
      try {
        report = omniFlow.webhooks().process(settings);
      } catch (RuntimeException e) {
        LOG.warn("a webhook batch failed; retrying after {}", poll, e);
        report = ProcessingReport.EMPTY;
      }
      processed.addAndGet(report.claimed());
      if (report.claimed() < settings.batchSize()) {
        try {
          Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
