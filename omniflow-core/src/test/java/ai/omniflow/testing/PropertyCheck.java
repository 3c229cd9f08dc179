package ai.omniflow.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small seeded property-test harness (see docs/decisions/0003-property-tests.md). Each try draws
 * its input from a {@link Random} seeded from one run seed; a failure names the try's seed so that
 * it replays exactly with {@code -Domniflow.seed=<seed>}.
 *
 * <pre>{@code
 * PropertyCheck.forAll(500, r -> r.nextInt(100), n -> assertThat(n).isLessThan(100));
 * }</pre>
 */
public final class PropertyCheck {
  private PropertyCheck() {}

  /**
   * Checks {@code property} on {@code tries} generated inputs, or on the single input of the seed
   * given by the system property {@code omniflow.seed}. The system property {@code
   * omniflow.tries.scale} multiplies the tries, to soak a property for rare failures before they
   * reach CI ({@code -Domniflow.tries.scale=50}).
   *
   * @throws AssertionError naming the failing seed and input when the property fails
   */
  public static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> property) {
    String replay = System.getProperty("omniflow.seed");
    if (replay != null && !replay.isBlank()) {
      check(Long.parseLong(replay.trim()), generator, property);
      return;
    }
    long scaled = tries * Long.getLong("omniflow.tries.scale", 1L);
    Random seeds = new Random();
    for (long i = 0; i < scaled; i++) {
      check(seeds.nextLong(), generator, property);
    }
  }

  private static <T> void check(long seed, Function<Random, T> generator, Consumer<T> property) {
    T input = generator.apply(new Random(seed));
    try {
      property.accept(input);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "Property failed for seed "
              + seed
              + " (replay with -Domniflow.seed="
              + seed
              + ") on input: "
              + input,
          e);
    }
  }
}
