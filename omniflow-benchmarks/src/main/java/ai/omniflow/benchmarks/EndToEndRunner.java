package ai.omniflow.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the lead engine end to end, over HTTP against a running reference server: each flow
 * converts a fresh thread to a lead, scores it and routes it ({@code POST /leads/from-thread/{id}},
 * {@code /leads/{id}/score}, {@code /leads/{id}/route}). Flows start on a fixed schedule (open
 * loop), so a slow answer delays nothing after it and latency is measured from when each request
 * was due, without coordinated omission. Threads are ingested before the clock starts. Run it with
 * {@code scripts/e2e-benchmark.sh}, which starts the server on a throw-away embedded PostgreSQL.
 *
 * <pre>
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.EndToEndRunner \
 *     --url http://localhost:18080 --rate 200 --seconds 60 --warmup 10
 * </pre>
 *
 * <p>{@code --rate} counts requests per second (three per flow); {@code --no-route} leaves the
 * route step out. The seeded dev org and owner of docs/reference-server.md act, through the dev
 * headers; with routing, the runner first makes 20 agents and the group {@code team} (the shipped
 * real-estate pack's default group), so run it against a fresh server.
 */
public final class EndToEndRunner {
  private static final String ORG = "00000000-0000-4000-8000-000000000001";
  private static final String USER = "00000000-0000-4000-8000-000000000002";
  private static final int AGENTS = 20;
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final Pattern THREAD =
      Pattern.compile("\"thread_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final String[] TEXTS = {
    "Hi! Is the 3 bed on Elm still available? Could we tour it Saturday?",
    "What's the asking price? We're pre-approved up to 900k",
    "Looking to buy in the next 3 months around 94110, budget about $750k",
    "Can I see it this weekend?",
    "Just browsing for now, thanks",
    "Is there an open house?",
  };

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(8, EndToEndRunner::daemon))
          .build();
  private final String url;

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "e2e-http");
    t.setDaemon(true);
    return t;
  }

  private EndToEndRunner(String url) {
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    String url = opts.getOrDefault("url", "http://localhost:18080");
    double rate = Double.parseDouble(opts.getOrDefault("rate", "200"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
    boolean route = !opts.containsKey("no-route");
    new EndToEndRunner(url).run(rate, seconds, warmup, route);
    System.exit(0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String k = args[i].substring(2);
      if (k.equals("no-route")) {
        m.put(k, "true");
      } else {
        m.put(k, args[++i]);
      }
    }
    return m;
  }

  private void run(double rate, int seconds, int warmup, boolean route) throws Exception {
    int steps = route ? 3 : 2;
    double flowsPerSecond = rate / steps;
    int warmupFlows = (int) Math.ceil(flowsPerSecond * warmup);
    int measuredFlows = (int) Math.ceil(flowsPerSecond * seconds);
    System.out.printf(
        Locale.ROOT,
        "%s: %.0f requests/s = %.1f flows/s of %d steps; %d s warm-up, %d s measured%n",
        url,
        rate,
        flowsPerSecond,
        steps,
        warmup,
        seconds);
    call("POST", "/verticals/select", "{\"pack_slug\": \"real-estate\"}", 200);
    if (route) {
      agents(AGENTS);
    }
    List<String> threads = ingest(warmupFlows + measuredFlows);
    System.out.printf(Locale.ROOT, "ingested %d threads%n", threads.size());

    phase(threads.subList(0, warmupFlows), flowsPerSecond, route);
    Results r = phase(threads.subList(warmupFlows, threads.size()), flowsPerSecond, route);
    r.print(seconds);
  }

  /**
   * Makes {@code n} agents and the pack's default group {@code team} routing round robin over them.
   * The dev org has one member, so every agent signs in as the dev owner; capacities are large so
   * that the decisions stay assignments.
   */
  private void agents(int n) throws IOException, InterruptedException {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String body =
          String.format(
              Locale.ROOT,
              "{\"name\": \"Agent %d\", \"capacity\": 1000000, \"user_id\": \"%s\"}",
              i,
              USER);
      String agent = match(ID, call("POST", "/agents", body, 201));
      members.append(i == 0 ? "" : ", ").append('"').append(agent).append('"');
    }
    call(
        "POST",
        "/routing/groups",
        "{\"key\": \"team\", \"policy\": \"round_robin\", \"members\": [" + members + "]}",
        201);
  }

  private List<String> ingest(int n) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    String[] out = new String[n];
    String run = Long.toString(System.currentTimeMillis(), 36);
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int k = i;
      pool.execute(
          () -> {
            try {
              String body =
                  String.format(
                      Locale.ROOT,
                      "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"e2e_%s_%d\"},"
                          + " \"text\": \"%s\", \"campaign\": \"e2e\"}",
                      run,
                      k,
                      TEXTS[k % TEXTS.length]);
              out[k] = match(THREAD, call("POST", "/inbox/ingest/mock", body, 201));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            } finally {
              done.countDown();
            }
          });
    }
    done.await();
    pool.shutdown();
    return Arrays.asList(out);
  }

  private Results phase(List<String> threads, double flowsPerSecond, boolean route)
      throws InterruptedException {
    Results r = new Results(route);
    ExecutorService workers = Executors.newFixedThreadPool(64);
    CountDownLatch done = new CountDownLatch(threads.size());
    long start = System.nanoTime() + 50_000_000L;
    long interval = (long) (1e9 / flowsPerSecond);
    for (int i = 0; i < threads.size(); i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String thread = threads.get(i);
      workers.execute(
          () -> {
            try {
              flow(thread, due, r);
            } catch (Exception e) {
              r.errors.incrementAndGet();
              if (r.errors.get() <= 5) {
                System.err.println("flow failed: " + e.getMessage());
              }
            } finally {
              done.countDown();
            }
          });
    }
    done.await();
    workers.shutdown();
    return r;
  }

  private void flow(String thread, long due, Results r) throws Exception {
    long t0 = System.nanoTime();
    String lead = match(ID, call("POST", "/leads/from-thread/" + thread, null, 201));
    long t1 = System.nanoTime();
    call("POST", "/leads/" + lead + "/score", null, 200);
    long t2 = System.nanoTime();
    long t3 = t2;
    if (r.route) {
      call("POST", "/leads/" + lead + "/route", null, 200);
      t3 = System.nanoTime();
    }
    // The first request's latency counts from when it was due, not when a worker got to it.
    r.fromThread.add(t1 - Math.min(due, t0));
    r.score.add(t2 - t1);
    if (r.route) {
      r.routeStep.add(t3 - t2);
    }
    r.flows.add(t3 - Math.min(due, t0));
  }

  private String call(String method, String path, String body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Omniflow-Org-Id", ORG)
            .header("X-Omniflow-User-Id", USER)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + resp.statusCode() + ": " + resp.body());
    }
    return resp.body();
  }

  private static String match(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + body);
    }
    return m.group(1);
  }

  private static final class Results {
    final boolean route;
    final ConcurrentLinkedQueue<Long> fromThread = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> score = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> routeStep = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> flows = new ConcurrentLinkedQueue<>();
    final AtomicInteger errors = new AtomicInteger();

    Results(boolean route) {
      this.route = route;
    }

    void print(int seconds) {
      List<Long> all = new ArrayList<>(fromThread);
      all.addAll(score);
      all.addAll(routeStep);
      System.out.printf(
          Locale.ROOT,
          "%-22s %8s %8s %8s %8s %8s%n",
          "latency (ms)",
          "count",
          "p50",
          "p95",
          "p99",
          "max");
      line("from-thread", fromThread);
      line("score", score);
      if (route) {
        line("route", routeStep);
      }
      line("every request", all);
      line("whole flow", flows);
      System.out.printf(
          Locale.ROOT,
          "achieved %.1f requests/s over %d s; %d failed flows%n",
          all.size() / (double) seconds,
          seconds,
          errors.get());
    }

    private static void line(String name, java.util.Collection<Long> nanos) {
      Percentiles v = Percentiles.ofNanos(nanos);
      if (v.isEmpty()) {
        System.out.printf(Locale.ROOT, "%-22s %8d%n", name, 0);
        return;
      }
      System.out.printf(
          Locale.ROOT,
          "%-22s %8d %8.2f %8.2f %8.2f %8.2f%n",
          name,
          v.count(),
          v.at(0.50),
          v.at(0.95),
          v.at(0.99),
          v.max());
    }
  }
}
