package ai.omniflow.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * CPU time used by this JVM and by the PostgreSQL backends of one role (read from {@code /proc},
 * clock ticks of 10 ms), so that a figure taken on a busy machine can be put as CPU per operation:
 * what 2 idle cores would allow. Take one before the work and one after; the backends counted are
 * those alive at each sample, so a pool's connections must outlive the work.
 *
 * <pre>{@code
 * ProcessCpu before = ProcessCpu.now(admin, APP_ROLE);
 * // ... the work ...
 * System.out.println(ProcessCpu.now(admin, APP_ROLE).per(before, done, "breach"));
 * }</pre>
 *
 * @param jvmNanos this JVM's CPU time
 * @param pgNanos the summed CPU time of the role's backends
 */
record ProcessCpu(long jvmNanos, long pgNanos) {
  /** The CPU used so far by this JVM and by the backends of {@code role}. */
  static ProcessCpu now(DataSource admin, String role) {
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long pg = 0;
    try (Connection c = admin.getConnection();
        PreparedStatement q =
            c.prepareStatement("select pid from pg_stat_activity where usename = ?")) {
      q.setString(1, role);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          pg += ticks(rs.getInt(1)) * 10_000_000L;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new ProcessCpu(jvm, pg);
  }

  /** utime + stime of a process, in clock ticks; 0 if it cannot be read. */
  private static long ticks(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU per operation since {@code before}, and the rate 2 idle cores would allow. */
  String per(ProcessCpu before, long operations, String what) {
    double jvm = BenchDatabase.ms(jvmNanos - before.jvmNanos) / operations;
    double pg = BenchDatabase.ms(pgNanos - before.pgNanos) / operations;
    return String.format(
        Locale.ROOT,
        "CPU per %s %.2f ms (JVM %.2f, PostgreSQL backends %.2f): at most %.0f a second on 2"
            + " idle cores",
        what,
        jvm + pg,
        jvm,
        pg,
        2_000 / (jvm + pg));
  }
}
