package ai.omniflow.attribution.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The channels (or channel and campaign, content or agent pairs) seen, each given a dense id in
 * order of first sight. Looks names up from a region of a {@code char[]} without copying, so
 * reading a CSV row allocates nothing for a channel already seen. Not thread-safe.
 */
public final class Keys {
  private static final char SEPARATOR = '\0';

  private final int max;
  private String[] names = new String[16];
  private int[] hashes = new int[16];
  private int size;
  private int[] table = new int[64];

  /** Keys up to {@code max} distinct ones. */
  public Keys(int max) {
    this.max = max;
  }

  /** How many keys there are. */
  public int size() {
    return size;
  }

  /** The key's channel. */
  public String channel(int id) {
    String n = names[id];
    int sep = n.indexOf(SEPARATOR);
    return sep < 0 ? n : n.substring(0, sep);
  }

  /**
   * The key's second part (campaign, content or agent, by the level), or {@code null} at channel
   * level or for a touch without one.
   */
  public @Nullable String detail(int id) {
    String n = names[id];
    int sep = n.indexOf(SEPARATOR);
    return sep < 0 ? null : n.substring(sep + 1);
  }

  /** The id of a channel and a detail (NUL cannot occur in either, so it separates them). */
  public int id(String channel, @Nullable String detail) {
    String key = detail == null ? channel : channel + SEPARATOR + detail;
    char[] chars = key.toCharArray();
    return id(chars, 0, chars.length);
  }

  /**
   * The id of the name in {@code chars[from, to)}, added if new.
   *
   * @return the id, or -1 if it is new and there are already {@code max} keys
   */
  public int id(char[] chars, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + chars[i];
    }
    int mask = table.length - 1;
    int slot = mix(h) & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      int id = e - 1;
      if (hashes[id] == h && equal(names[id], chars, from, to)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (size == max) {
      return -1;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    names[size] = new String(chars, from, to - from);
    hashes[size] = h;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      rehash();
    }
    return size - 1;
  }

  private static boolean equal(String name, char[] chars, int from, int to) {
    if (name.length() != to - from) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != chars[from + i]) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = mix(hashes[id]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = id + 1;
    }
  }

  static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
