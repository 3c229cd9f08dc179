package ai.omniflow.examples.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an embedded PostgreSQL left running by a server process that died without stopping it
 * ({@code kill -9}, an out-of-memory kill) and stops it cleanly, so the next start does not fail
 * with {@code lock file "postmaster.pid" already exists}.
 *
 * <p>The postmaster's {@code postmaster.pid} names its process id (line 1) and data directory (line
 * 2). A live {@code postgres} process of that id serving this data directory is sent SIGINT,
 * PostgreSQL's fast shutdown (sessions end, everything committed is kept, no crash recovery is
 * needed), and the start waits until it has removed its pid file. A file whose process is gone (or
 * a zombie), or whose id now belongs to a process that is not a postgres, is stale and is removed.
 * Anything else is reported with the exact command that stops it.
 */
final class OrphanedPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostgres.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private OrphanedPostgres() {}

  /**
   * Stops the postmaster that still serves {@code pgData}, if any.
   *
   * @return the process id stopped, or empty if none was running
   * @throws IllegalStateException if one runs and cannot be stopped; the message says what to do
   */
  static Optional<Long> stopIfRunning(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      pid = -1;
    }
    if (pid <= 0) {
      return Optional.empty(); // half-written: PostgreSQL treats it as stale itself
    }
    Optional<ProcessHandle> process =
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> !zombie(h.pid()));
    if (process.isEmpty()) {
      LOG.info("Removing the stale {} of postmaster {}, which is no longer running", pidFile, pid);
      Files.deleteIfExists(pidFile);
      return Optional.empty();
    }
    ProcessHandle postmaster = process.get();
    Optional<String> command = postmaster.info().command();
    boolean isPostgres =
        command.map(c -> Path.of(c).getFileName().toString()).orElse("").equals("postgres");
    if (command.isPresent() && !isPostgres) {
      LOG.info(
          "Removing the stale {}: its process id {} now belongs to {}, not a postgres",
          pidFile,
          pid,
          Path.of(command.get()).getFileName());
      Files.deleteIfExists(pidFile);
      return Optional.empty();
    }
    Path named = lines.size() > 1 ? Path.of(lines.get(1).strip()) : pgData;
    if (command.isEmpty() || !sameFile(named, pgData)) {
      throw new IllegalStateException(notStopped(pid, pgData, "it could not be identified"));
    }
    LOG.warn(
        "An embedded PostgreSQL (pid {}) from an earlier run still serves {}; its server process"
            + " died without stopping it. Stopping it cleanly before starting.",
        pid,
        pgData);
    // SIGINT is PostgreSQL's fast shutdown: sessions end, everything committed is kept and a
    // shutdown checkpoint is written. (pg_ctl would send the same signal, but refuses to run as
    // root, as this server may.)
    Path kill = Path.of("/bin/kill");
    if (Files.isExecutable(kill)) {
      Process stop =
          new ProcessBuilder(kill.toString(), "-INT", Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      waitFor(stop, Duration.ofSeconds(10));
    } else {
      postmaster.destroy(); // SIGTERM: a smart shutdown, and nobody is connected any more
    }
    // A postmaster removes its pid file as its last act of a clean shutdown. (Waiting for the
    // process itself could wait forever: an orphan whose new parent does not reap it stays a
    // zombie.)
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (Files.exists(pidFile)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(notStopped(pid, pgData, "it did not stop in time"));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(notStopped(pid, pgData, "the wait was interrupted"), e);
      }
    }
    LOG.info("Stopped the orphaned embedded PostgreSQL (pid {})", pid);
    return Optional.of(pid);
  }

  private static String notStopped(long pid, Path pgData, String why) {
    return "A PostgreSQL process (pid "
        + pid
        + ") still holds "
        + pgData.resolve("postmaster.pid")
        + " and "
        + why
        + ". Stop it with `kill -INT "
        + pid
        + "` (PostgreSQL's fast shutdown), wait until that file is gone, then start the server"
        + " again.";
  }

  /** Whether Linux lists the process as exited but not yet reaped; false elsewhere. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static void waitFor(Process process, Duration wait) {
    try {
      if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
