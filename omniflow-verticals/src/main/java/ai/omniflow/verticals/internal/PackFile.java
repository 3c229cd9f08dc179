package ai.omniflow.verticals.internal;

import java.util.Objects;

/** The bytes of one pack file and the name its problems are reported under. Immutable. */
public final class PackFile {
  private final String name;
  private final byte[] content;

  /**
   * @param name the resource path or file path, as people will look for it
   * @param content the file's bytes, UTF-8
   */
  public PackFile(String name, byte[] content) {
    this.name = Objects.requireNonNull(name, "name");
    this.content = content.clone();
  }

  public String name() {
    return name;
  }

  byte[] content() {
    return content.clone();
  }

  @Override
  public String toString() {
    return name;
  }
}
