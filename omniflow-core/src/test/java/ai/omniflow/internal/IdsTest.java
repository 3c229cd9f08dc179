package ai.omniflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Time-ordered ids of stored rows")
class IdsTest {
  /** 2026-12-07T16:00:00Z. */
  private static final long T = 1_796_659_200_000L;

  @Test
  @DisplayName("an id is a UUID of version 7 and variant 2")
  void isVersion7Variant2() {
    UUID id = Ids.next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  @DisplayName("an id carries the Unix milliseconds it was made in, in its first 48 bits")
  void carriesItsMillisecond() {
    UUID id = new Ids(() -> T, new SecureRandom()).create();
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T);
    assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", T >>> 16, T & 0xFFFF));
  }

  @Test
  @DisplayName("an id of a later millisecond sorts after every id of an earlier one")
  void ordersAcrossMilliseconds() {
    AtomicLong now = new AtomicLong(T);
    Ids ids = new Ids(now::get, new SecureRandom());
    List<UUID> made = new ArrayList<>();
    for (int ms = 0; ms < 50; ms++) {
      for (int i = 0; i < 20; i++) {
        made.add(ids.create());
      }
      now.addAndGet(1);
    }
    assertThat(made).isSortedAccordingTo(UUID::compareTo);
    assertThat(made).isSortedAccordingTo(IdsTest::unsigned);
  }

  @Test
  @DisplayName("ids of one millisecond count up, past the counter's end into the next millisecond")
  void countsUpWithinAMillisecond() {
    Ids ids = new Ids(() -> T, new SecureRandom());
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      made.add(ids.create());
    }
    assertThat(made).isSortedAccordingTo(UUID::compareTo).doesNotHaveDuplicates();
    assertThat(made.get(0).getMostSignificantBits() >>> 16).isEqualTo(T);
    assertThat(made.get(made.size() - 1).getMostSignificantBits() >>> 16).isGreaterThan(T);
    assertThat(made).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
  }

  @Test
  @DisplayName("a wall clock that goes back does not make an id older than the one before")
  void staysOrderedWhenTheClockGoesBack() {
    AtomicLong now = new AtomicLong(T);
    Ids ids = new Ids(now::get, new SecureRandom());
    UUID before = ids.create();
    now.set(T - 60_000);
    UUID after = ids.create();
    assertThat(after).isGreaterThan(before);
    assertThat(after.getMostSignificantBits() >>> 16).isEqualTo(T);
  }

  @Test
  @DisplayName("a millisecond's counter starts at a random value below 2048")
  void seedsTheCounterAtRandom() {
    AtomicLong now = new AtomicLong(T);
    Ids ids = new Ids(now::getAndIncrement, new SecureRandom());
    Set<Long> starts = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      long counter = ids.create().getMostSignificantBits() & 0xFFF;
      assertThat(counter).isLessThan(2048);
      starts.add(counter);
    }
    assertThat(starts).hasSizeGreaterThan(100);
  }

  @Test
  @DisplayName("the last 62 bits come from the random source, drawn afresh for each id")
  void takesItsLowBitsFromTheRandomSource() {
    Ids fixed = new Ids(() -> T, new Random(7));
    Ids same = new Ids(() -> T, new Random(7));
    assertThat(fixed.create()).isEqualTo(same.create());
    Ids ids = new Ids(() -> T, new SecureRandom());
    Set<Long> low = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      low.add(ids.create().getLeastSignificantBits());
    }
    assertThat(low).hasSize(1_000);
  }

  @Test
  @DisplayName("ids made by many threads at once are all distinct")
  void isUniqueAcrossThreads() throws InterruptedException {
    ConcurrentLinkedQueue<UUID> made = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 25_000; i++) {
                  made.add(Ids.next());
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(made).hasSize(200_000);
    assertThat(new HashSet<>(made)).hasSize(200_000);
  }

  /** PostgreSQL's order of uuids: their 16 bytes, unsigned. */
  private static int unsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
