package ai.omniflow.examples.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's password: 32 random bytes, generated once under {@code
 * <data-dir>/postgres-password} (mode 600 where the file system has POSIX permissions) and reused
 * on later starts. Every role of the embedded cluster (the superuser, the owner and the app role)
 * logs in with it, and the cluster accepts no connection without it.
 */
final class EmbeddedPassword {
  private static final SecureRandom RANDOM = new SecureRandom();

  static final String FILE = "postgres-password";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPassword.class);
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32,128}");

  private EmbeddedPassword() {}

  /**
   * The password in {@code dataDir}, created if it is missing. It holds only {@code [A-Za-z0-9_-]},
   * so it is safe in a SQL literal.
   *
   * @throws UncheckedIOException if it cannot be read or written
   * @throws IllegalStateException if the file does not hold such a password (the message names the
   *     file, not its content)
   */
  static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!SHAPE.matcher(password).matches()) {
        throw new IllegalStateException(
            "The embedded database password file "
                + file
                + " does not hold 32 to 128 characters of [A-Za-z0-9_-]; delete it and restart"
                + " (the server then sets a new password).");
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read or write the embedded database password " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("the file has no folder to write beside it");
    }
    Path tmp = Files.createTempFile(dir, ".postgres-password", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the data directory's own permissions protect it.
      }
      Files.writeString(
          tmp,
          Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
          StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file);
        LOG.info("Generated the embedded database password in {}", file);
      } catch (FileAlreadyExistsException e) {
        // Another process made it first; use theirs.
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
