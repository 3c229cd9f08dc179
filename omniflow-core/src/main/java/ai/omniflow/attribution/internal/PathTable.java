package ai.omniflow.attribution.internal;

import java.util.Arrays;

/**
 * Distinct paths with their summed counts: each path is its key ids in order, the lead and
 * opportunity touch indices (-1 when not known) and whether its journeys carried times (timed
 * journeys' time decay is summed as they arrive). Adding a path already present adds to its counts
 * and allocates nothing. Not thread-safe.
 */
public final class PathTable {
  private final int max;
  private int[] pool = new int[1024];
  private int poolSize;
  private int[] start = new int[256];
  private int[] length = new int[256];
  private int[] lead = new int[256];
  private int[] opportunity = new int[256];
  private boolean[] timed = new boolean[256];
  private int[] hashes = new int[256];
  private long[] conversions = new long[256];
  private long[] cents = new long[256];
  private long[] nulls = new long[256];
  private int size;
  private int[] table = new int[1024];

  /** A table of at most {@code max} distinct paths. */
  public PathTable(int max) {
    this.max = max;
  }

  /**
   * Adds the counts of one path (its ids are {@code ids[0, n)}), or of many journeys along it.
   *
   * @return false if the path is new and the table already holds {@code max} paths
   */
  public boolean add(
      int[] ids,
      int n,
      int leadAt,
      int opportunityAt,
      boolean isTimed,
      long conv,
      long valueCents,
      long nullCount) {
    int h = n * 31 + leadAt * 961 + opportunityAt * 29791 + (isTimed ? 7 : 0);
    for (int i = 0; i < n; i++) {
      h = h * 0x01000193 ^ ids[i];
    }
    int mask = table.length - 1;
    int slot = Keys.mix(h) & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      int p = e - 1;
      if (hashes[p] == h && same(p, ids, n, leadAt, opportunityAt, isTimed)) {
        conversions[p] = Math.addExact(conversions[p], conv);
        cents[p] = Math.addExact(cents[p], valueCents);
        nulls[p] = Math.addExact(nulls[p], nullCount);
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (size == max) {
      return false;
    }
    if (size == start.length) {
      grow();
    }
    if (poolSize + n > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + n));
    }
    System.arraycopy(ids, 0, pool, poolSize, n);
    start[size] = poolSize;
    length[size] = n;
    poolSize += n;
    lead[size] = leadAt;
    opportunity[size] = opportunityAt;
    timed[size] = isTimed;
    hashes[size] = h;
    conversions[size] = conv;
    cents[size] = valueCents;
    nulls[size] = nullCount;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      rehash();
    }
    return true;
  }

  private boolean same(int p, int[] ids, int n, int leadAt, int opportunityAt, boolean isTimed) {
    if (length[p] != n
        || lead[p] != leadAt
        || opportunity[p] != opportunityAt
        || timed[p] != isTimed) {
      return false;
    }
    int s = start[p];
    for (int i = 0; i < n; i++) {
      if (pool[s + i] != ids[i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int c = start.length * 2;
    start = Arrays.copyOf(start, c);
    length = Arrays.copyOf(length, c);
    lead = Arrays.copyOf(lead, c);
    opportunity = Arrays.copyOf(opportunity, c);
    timed = Arrays.copyOf(timed, c);
    hashes = Arrays.copyOf(hashes, c);
    conversions = Arrays.copyOf(conversions, c);
    cents = Arrays.copyOf(cents, c);
    nulls = Arrays.copyOf(nulls, c);
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int p = 0; p < size; p++) {
      int slot = Keys.mix(hashes[p]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = p + 1;
    }
  }

  /** How many distinct paths. */
  public int size() {
    return size;
  }

  /** The path's length. */
  public int length(int p) {
    return length[p];
  }

  /** The path's {@code i}-th key id. */
  public int key(int p, int i) {
    return pool[start[p] + i];
  }

  /** The index of the touch that created the lead, or -1. */
  public int lead(int p) {
    return lead[p];
  }

  /** The index of the touch that made the opportunity, or -1. */
  public int opportunity(int p) {
    return opportunity[p];
  }

  /** Whether its journeys carried times. */
  public boolean timed(int p) {
    return timed[p];
  }

  /** Its conversions. */
  public long conversions(int p) {
    return conversions[p];
  }

  /** Its value in cents. */
  public long cents(int p) {
    return cents[p];
  }

  /** Its journeys that did not convert. */
  public long nulls(int p) {
    return nulls[p];
  }
}
