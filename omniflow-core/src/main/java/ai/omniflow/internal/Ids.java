package ai.omniflow.internal;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The ids of the rows core stores: time-ordered UUIDs, version 7 of RFC 9562, so that each new row
 * lands at the right edge of its primary key and of every index on a column holding the id (a
 * random v4 id puts each insert on a random leaf page of the whole index: a working set as large as
 * the index, and after each PostgreSQL checkpoint a full-page image in the WAL for nearly every
 * insert). Decision 0107.
 *
 * <pre>{@code
 * Contact contact = new Contact(Ids.next(), org.id(), name, now, now, null);
 * }</pre>
 *
 * <p>Layout: 48 bits of Unix milliseconds (the wall clock, not a use case's injected {@link
 * java.time.Clock}: the id orders rows, it states no domain time), the version 7, 12 bits of a
 * counter that starts at a random value below 2048 each millisecond and counts up within it, the
 * variant 2, and 62 bits from {@link SecureRandom} drawn afresh for every id. Within one JVM the
 * ids are strictly increasing, as {@link UUID#compareTo} and PostgreSQL (byte-wise) both order
 * them: in the same millisecond by the counter; when the counter runs out, or the wall clock goes
 * back, on the last millisecond used (plus one when the counter ran out), so an id is never older
 * than one made before it. The 62 random bits keep an id unguessable from another one (ids are
 * visible in the API); secrets and capabilities (API key tokens, OAuth {@code state}, invitation
 * codes, claim tokens) are not made here and stay wholly random.
 *
 * <p>Thread-safe: one lock guards the millisecond and counter, held for a few instructions.
 */
public final class Ids {
  private static final Ids SHARED = new Ids(System::currentTimeMillis, new SecureRandom());

  /** The 12-bit counter's largest value. */
  private static final int COUNTER_MAX = 0xFFF;

  /** A millisecond's counter starts below this, so at least 2048 ids fit in it. */
  private static final int COUNTER_SEED_BOUND = 0x800;

  private final LongSupplier millis;
  private final Random random;
  private long lastMillis = Long.MIN_VALUE;
  private int counter;

  /**
   * A generator of its own, for tests: {@code millis} stands for the wall clock, {@code random} for
   * the secure source.
   */
  Ids(LongSupplier millis, Random random) {
    this.millis = millis;
    this.random = random;
  }

  /** A new time-ordered id; never equal to, and greater than, any this JVM made before. */
  public static UUID next() {
    return SHARED.create();
  }

  /** A new id of this generator. */
  UUID create() {
    byte[] bits = new byte[10];
    random.nextBytes(bits);
    long randB = 0;
    for (int i = 0; i < 8; i++) {
      randB = (randB << 8) | (bits[i] & 0xFF);
    }
    int seed = ((bits[8] & 0xFF) << 8 | (bits[9] & 0xFF)) % COUNTER_SEED_BOUND;
    long at;
    int count;
    synchronized (this) {
      long now = millis.getAsLong();
      if (now > lastMillis) {
        lastMillis = now;
        counter = seed;
      } else if (counter < COUNTER_MAX) {
        counter++;
      } else {
        lastMillis++;
        counter = seed;
      }
      at = lastMillis;
      count = counter;
    }
    long msb = (at & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | count;
    long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
