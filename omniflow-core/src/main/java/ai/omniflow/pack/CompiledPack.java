package ai.omniflow.pack;

import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.scoring.CompiledRules;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One pack version compiled once and shared by every engine: its scoring rules, its default routing
 * engine, and the parts engines above this package define for themselves (the intent classifier's
 * index, the reply suggester's split templates, the lead field extractor). Each part is compiled on
 * first use and kept for the life of the compiled pack.
 *
 * <p>Compiled packs are kept by (slug, version) in one bounded Caffeine cache ({@value #MAX_PACKS}
 * versions, statistics recorded; {@link #cacheStats()}). A different pack under a slug and version
 * already compiled (an org's pack with its override merged, a test, a pack edited in place) is
 * compiled afresh and kept by its instance in a second bounded cache (weak keys, {@value
 * #MAX_PACKS} at most), so that it neither replaces the catalog's pack nor is compiled again while
 * it is in use.
 *
 * <pre>{@code
 * CompiledPack compiled = CompiledPack.of(pack);
 * CompiledRules rules = compiled.scoring().orElseThrow();
 *
 * // an engine above the pack package declares its part once:
 * static final CompiledPack.Part<IntentIndex> INDEX = CompiledPack.Part.of("intents", c -> IntentIndex.compile(c.pack()));
 * IntentIndex index = CompiledPack.of(pack).part(INDEX);
 * }</pre>
 *
 * <p>Thread-safe. A part may be compiled twice when two threads ask for it at once; one result is
 * kept and both are equal, since compiling is pure.
 */
public final class CompiledPack {
  /** How many pack versions are kept compiled at most. */
  public static final int MAX_PACKS = 256;

  private static final Cache<Key, CompiledPack> COMPILED =
      Caffeine.newBuilder().maximumSize(MAX_PACKS).recordStats().build();

  private static final Part<Optional<CompiledRules>> SCORING =
      Part.of(
          "scoring",
          c ->
              c.pack.scoring() == null
                  ? Optional.empty()
                  : Optional.of(CompiledRules.compile(c.pack.leadFields(), c.pack.scoring())));

  private static final Part<RoutingEngine> ROUTING =
      Part.of(
          "routing", c -> RoutingEngine.compile(c.pack.routingOrDefault(), c.pack.leadFields()));

  /** Packs that differ from the one kept under their slug and version, by instance. */
  private static final Cache<VerticalPack, CompiledPack> VARIANTS =
      Caffeine.newBuilder().weakKeys().maximumSize(MAX_PACKS).build();

  private record Key(String slug, String version) {}

  private final VerticalPack pack;
  private final AtomicReferenceArray<Object> parts = new AtomicReferenceArray<>(Part.MAX_PARTS);

  private CompiledPack(VerticalPack pack) {
    this.pack = pack;
  }

  /**
   * The compiled form of {@code pack}, compiled now if it is not kept already.
   *
   * @throws NullPointerException if {@code pack} is null
   */
  public static CompiledPack of(VerticalPack pack) {
    Objects.requireNonNull(pack, "pack");
    CompiledPack variant = VARIANTS.getIfPresent(pack);
    if (variant != null) {
      return variant;
    }
    Key key = new Key(pack.slug(), pack.version());
    CompiledPack kept = COMPILED.get(key, k -> new CompiledPack(pack));
    if (kept.pack == pack || kept.pack.equals(pack)) {
      return kept;
    }
    return VARIANTS.get(pack, CompiledPack::new);
  }

  /** Hits, misses and evictions of the cache of compiled packs, e.g. for a metrics binder. */
  public static CacheStats cacheStats() {
    return COMPILED.stats();
  }

  /** The pack this was compiled from. */
  public VerticalPack pack() {
    return pack;
  }

  /**
   * The pack's scoring rules compiled for its lead fields, if it has any.
   *
   * @throws IllegalArgumentException if the rules do not compile against the lead fields
   */
  public Optional<CompiledRules> scoring() {
    return part(SCORING);
  }

  /**
   * The routing engine for the pack's own routing section ({@code RoutingConfig.DEFAULT} if it has
   * none) and its lead fields; an org with a configuration of its own compiles that instead.
   *
   * @throws IllegalArgumentException if the routing rules do not compile against the lead fields
   */
  public RoutingEngine routing() {
    return part(ROUTING);
  }

  /**
   * The part {@code part} of this pack, compiled on first use.
   *
   * @throws RuntimeException whatever the part's compiler throws; nothing is kept then
   */
  @SuppressWarnings("unchecked")
  public <T> T part(Part<T> part) {
    Object value = parts.get(part.index);
    if (value == null) {
      value = Objects.requireNonNull(part.compiler.apply(this), "a part compiled to null");
      if (!parts.compareAndSet(part.index, null, value)) {
        value = parts.get(part.index);
      }
    }
    return (T) value;
  }

  /**
   * A kind of compiled part that every compiled pack may hold, e.g. the intent classifier's index.
   * Declare each part once, as a constant: there may be at most {@value #MAX_PARTS} in a JVM.
   *
   * @param <T> what the part compiles to
   */
  public static final class Part<T> {
    /** How many kinds of part there may be. */
    public static final int MAX_PARTS = 32;

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String name;
    private final int index;
    private final Function<CompiledPack, T> compiler;

    private Part(String name, int index, Function<CompiledPack, T> compiler) {
      this.name = name;
      this.index = index;
      this.compiler = compiler;
    }

    /**
     * A new kind of part, compiled by {@code compiler} from a compiled pack (its {@link
     * CompiledPack#pack()} and other parts); the compiler must be pure.
     *
     * @throws IllegalStateException if {@value #MAX_PARTS} kinds exist already
     * @throws NullPointerException if an argument is null
     */
    public static <T> Part<T> of(String name, Function<CompiledPack, T> compiler) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(compiler, "compiler");
      int index = COUNT.getAndIncrement();
      if (index >= MAX_PARTS) {
        throw new IllegalStateException(
            "at most "
                + MAX_PARTS
                + " kinds of compiled part may exist; declare parts as constants");
      }
      return new Part<>(name, index, compiler);
    }

    @Override
    public String toString() {
      return "Part[" + name + "]";
    }
  }
}
