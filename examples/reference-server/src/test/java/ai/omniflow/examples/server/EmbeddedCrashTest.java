package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The embedded default after a crash")
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedCrashTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @DisplayName(
      "a server killed with SIGKILL mid-burst starts again on the same directory with every"
          + " acknowledged ingest, a durable and password-protected database")
  void everyAcknowledgedIngestSurvivesAKill(CapturedOutput output) throws Exception {
    Path dataDir = TestDatabases.tempDir();
    int port = freePort();
    Process server = startChild(dataDir, port);
    List<String> acknowledged = new ArrayList<>();
    try {
      awaitHealthy(server, port);
      acknowledged.addAll(burstThenKill(server, port));
    } catch (Throwable t) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
      OrphanedPostgres.stopIfRunning(dataDir.resolve("postgres")); // leave no server behind
      throw t;
    }
    assertThat(acknowledged).as("ingests acknowledged before the kill").hasSizeGreaterThan(5);
    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid"))
        .as("the embedded PostgreSQL outlived its server")
        .exists();

    try (ConfigurableApplicationContext again = startInProcess(dataDir)) {
      assertThat(output.getAll()).contains("from an earlier run still serves");
      DevOrgClient client = new DevOrgClient();
      for (String thread : acknowledged) {
        JsonNode messages = client.ok(again, "GET", "/inbox/threads/" + thread + "/messages", "");
        assertThat(messages.path("total").asLong()).as("thread " + thread).isEqualTo(1);
      }

      DataSource app = again.getBean(DataSource.class);
      assertThat(setting(app, "fsync")).isEqualTo("on");
      assertThat(setting(app, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(app, "full_page_writes")).isEqualTo("on");

      String url = again.getBean(ServerDatabase.class).appUrl();
      assertThatThrownBy(() -> connect(url, "postgres", ""))
          .as("the superuser without the password")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> connect(url, "omniflow_app", "omniflow-dev"))
          .as("the old fixed password")
          .isInstanceOf(SQLException.class);
      Path password = dataDir.resolve(EmbeddedPassword.FILE);
      connect(url, "postgres", Files.readString(password).strip()).close();
      if (Files.getFileStore(password).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
            .isEqualTo("rw-------");
      }
    }
    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid"))
        .as("stopped cleanly at the end")
        .doesNotExist();
  }

  /** Ingests from four clients; kills the server once enough are acknowledged. */
  private List<String> burstThenKill(Process server, int port) throws Exception {
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(
            () -> {
              for (int i = 0; !killed.get() && i < 10_000; i++) {
                try {
                  HttpResponse<String> response =
                      post(port, "/inbox/ingest/mock", ingest("crash_" + client + "_" + i));
                  if (response.statusCode() == 201) {
                    acknowledged.add(JSON.readTree(response.body()).path("thread_id").asString());
                  }
                } catch (IOException e) {
                  return; // the server is gone
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      server.destroyForcibly(); // SIGKILL on Linux, in the middle of the burst
      killed.set(true);
      server.waitFor(10, TimeUnit.SECONDS);
    } finally {
      clients.shutdown();
      clients.awaitTermination(20, TimeUnit.SECONDS);
    }
    return List.copyOf(acknowledged);
  }

  private static String ingest(String handle) {
    return "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
        + handle
        + "\"}, \"text\": \"Is it still available?\"}";
  }

  private HttpResponse<String> post(int port, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-Omniflow-Org-Id", DevSeed.ORG)
            .header("X-Omniflow-User-Id", DevSeed.USER)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private void awaitHealthy(Process server, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("the server process is running").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the server did not answer /healthz within 300 s (see target/embedded-crash-server.log)");
  }

  /** The reference server in a process of its own, on this test's class path. */
  private static Process startChild(Path dataDir, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ReferenceServer.class.getName(),
            "--server.port=" + port,
            "--omniflow.data-dir=" + dataDir,
            "--omniflow.db.url=",
            "--omniflow.db.user=",
            "--omniflow.db.app-user=")
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", "embedded-crash-server.log").toFile())
        .start();
  }

  private static ConfigurableApplicationContext startInProcess(Path dataDir) {
    return new SpringApplication(ReferenceServer.class)
        .run(
            "--server.port=0",
            "--omniflow.data-dir=" + dataDir,
            "--omniflow.db.url=",
            "--omniflow.db.user=",
            "--omniflow.db.app-user=");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String setting(DataSource ds, String name) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds.getConnection();
  }
}
