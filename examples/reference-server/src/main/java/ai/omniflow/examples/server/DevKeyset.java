package ai.omniflow.examples.server;

import ai.omniflow.vault.tink.Keyset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development token keyset of the embedded default: generated once under {@code
 * <data-dir>/token-keyset.json} (mode 600 where the file system has POSIX permissions) and reused
 * on later starts. Each use logs a warning that it is for development only.
 */
final class DevKeyset {
  static final String FILE = "token-keyset.json";

  private static final Logger LOG = LoggerFactory.getLogger(DevKeyset.class);

  private DevKeyset() {}

  /**
   * The keyset in {@code dataDir}, created if it is missing.
   *
   * @throws UncheckedIOException if it cannot be read or written
   * @throws IllegalStateException if the file is not a valid keyset (the message names the file)
   */
  static Keyset loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      Keyset keyset;
      try {
        keyset = Keyset.parseJson(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "The development token keyset "
                + file
                + " is "
                + e.getMessage()
                + "; delete it (connected accounts must then reconnect) or set "
                + ServerSettings.TOKEN_ENCRYPTION_KEY
                + ".");
      }
      LOG.warn(
          "Connector tokens are encrypted with the development keyset {}: for development only."
              + " Set TOKEN_ENCRYPTION_KEY in production (docs/connectors.md).",
          file);
      return keyset;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the development keyset " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("the file has no folder to write beside it");
    }
    Path tmp = Files.createTempFile(dir, ".token-keyset", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the data directory's own permissions protect it.
      }
      Files.writeString(tmp, Keyset.generate().toJson(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file);
        LOG.info("Generated the development token keyset {}", file);
      } catch (FileAlreadyExistsException e) {
        // Another process made it first; use theirs.
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
