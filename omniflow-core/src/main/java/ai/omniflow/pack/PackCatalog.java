package ai.omniflow.pack;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.Problem;
import ai.omniflow.pack.spi.PackPatchException;
import ai.omniflow.pack.spi.PackPatcher;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.pack.spi.PackTexts;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The vertical packs available to orgs, by slug, each checked by {@link PackValidator}. Engines
 * read a pack through its {@link CompiledPack}, compiled once per pack version. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());
 * VerticalPack pack = catalog.require("real-estate");
 * }</pre>
 */
public final class PackCatalog {
  /** How many orgs' patched packs are kept built at most. */
  public static final int MAX_PATCHED = 1024;

  /** How many problems of a refused override its error lists at most. */
  public static final int MAX_REPORTED = 50;

  private record PatchKey(UUID revision, String slug, String version) {}

  private record TextKey(String slug, String version, int length, int hash) {}

  private record KeptKey(UUID org, String slug, String version) {}

  /** How many orgs' kept texts this catalog remembers having seen at most. */
  public static final int MAX_KEPT = 10_000;

  private final Map<String, VerticalPack> bySlug;
  private final @Nullable PackPatcher patcher;
  private final @Nullable PackTexts texts;
  private final Cache<PatchKey, Merge> patched =
      Caffeine.newBuilder().maximumSize(MAX_PATCHED).build();
  private final Cache<TextKey, VerticalPack> fromText =
      Caffeine.newBuilder().maximumSize(MAX_PATCHED).build();

  private final Cache<KeptKey, Boolean> kept = Caffeine.newBuilder().maximumSize(MAX_KEPT).build();

  private PackCatalog(
      Map<String, VerticalPack> bySlug, @Nullable PackPatcher patcher, @Nullable PackTexts texts) {
    this.bySlug = Collections.unmodifiableMap(bySlug);
    this.patcher = patcher;
    this.texts = texts;
  }

  /**
   * @throws IllegalArgumentException if two packs share a slug, or a pack breaks a rule of {@link
   *     PackValidator} (the message names the pack, the path and the problem)
   */
  public static PackCatalog of(List<VerticalPack> packs) {
    return of(packs, null, null);
  }

  private static PackCatalog of(
      List<VerticalPack> packs, @Nullable PackPatcher patcher, @Nullable PackTexts texts) {
    Map<String, VerticalPack> map = new LinkedHashMap<>();
    for (VerticalPack p : packs) {
      PackValidator.requireValid(p);
      if (map.putIfAbsent(p.slug(), p) != null) {
        throw new IllegalArgumentException("two packs have the slug '" + p.slug() + "'");
      }
    }
    return new PackCatalog(map, patcher, texts);
  }

  /**
   * The source's packs; orgs may keep overrides of them if the source offers a {@link
   * PackSource#patcher()}.
   *
   * @throws IllegalArgumentException as {@link #of(List)}
   */
  public static PackCatalog of(PackSource source) {
    return of(source.packs(), source.patcher().orElse(null), source.texts().orElse(null));
  }

  public static PackCatalog empty() {
    return new PackCatalog(Map.of(), null, null);
  }

  /** Whether orgs may keep overrides of these packs: the source offers a patcher. */
  public boolean patchable() {
    return patcher != null;
  }

  /**
   * {@code base} with the org's override merged over it, built once per override revision and base
   * version and kept ({@value #MAX_PATCHED} at most), so that every use shares one instance (and
   * one {@link CompiledPack}); a refusal is kept the same way, so a stored override that no longer
   * merges is not merged again on every use.
   *
   * @throws OmniFlowException {@code pack_overrides_unsupported} (conflict) if the source offers no
   *     patcher; {@code invalid_pack_override} (invalid input), listing each problem with its path
   *     and line ({@link OmniFlowException#errors()}), if the patch does not merge into a valid
   *     pack
   */
  public VerticalPack patched(VerticalPack base, PackOverride override) {
    return merge(base, null, override, e -> {}).orThrow();
  }

  /**
   * What merging the org's override over {@code base} gives, the pack or the refusal, kept as
   * {@link #patched(VerticalPack, PackOverride)} keeps it. {@code onFirstRefusal} is called with a
   * refusal when it is found, once per override revision and base version while it is kept, so a
   * caller can log a broken override once rather than on every use.
   *
   * @param accepted the kept text {@code base} was read from, or {@code null} for the catalog's own
   *     pack
   * @throws OmniFlowException {@code pack_overrides_unsupported} (conflict) if the source offers no
   *     patcher; as {@link #accepted(AcceptedPack)} for a kept text that does not read
   */
  public Merge merge(
      VerticalPack base,
      @Nullable AcceptedPack accepted,
      PackOverride override,
      Consumer<OmniFlowException> onFirstRefusal) {
    PackPatcher p = patcher;
    if (p == null) {
      throw OmniFlowException.conflict(
          PackErrors.PACK_OVERRIDES_UNSUPPORTED,
          "This host's pack source cannot merge overrides (docs/verticals.md).");
    }
    PackTexts t = accepted == null ? null : requireTexts();
    String baseText = accepted == null ? null : accepted.text();
    VerticalPack on = accepted == null ? base : accepted(accepted);
    boolean[] found = new boolean[1];
    Merge m =
        patched.get(
            new PatchKey(override.revision(), on.slug(), on.version()),
            k -> {
              try {
                return new Merge(
                    t == null || baseText == null
                        ? p.patch(on, override.patch())
                        : t.patch(baseText, override.patch()),
                    null);
              } catch (PackPatchException e) {
                found[0] = true;
                return new Merge(null, refuse(on, e));
              }
            });
    OmniFlowException refusal = m.refusal();
    if (found[0] && refusal != null) {
      onFirstRefusal.accept(refusal);
    }
    return m;
  }

  /**
   * What merging an org's override over its pack gave: the merged pack, or the refusal saying why
   * not.
   *
   * @param pack the merged pack, or {@code null} if refused
   * @param refusal {@code invalid_pack_override} with each problem, or {@code null} if merged
   */
  public record Merge(@Nullable VerticalPack pack, @Nullable OmniFlowException refusal) {
    /**
     * The merged pack.
     *
     * @throws OmniFlowException {@code invalid_pack_override} (a new instance each time) if refused
     */
    public VerticalPack orThrow() {
      if (pack != null) {
        return pack;
      }
      OmniFlowException r = java.util.Objects.requireNonNull(refusal, "refusal");
      throw OmniFlowException.invalidInput(r.code(), r.getMessage(), r.errors());
    }
  }

  /**
   * The text of the file {@code pack} was read from, to keep as an org's accepted version; empty if
   * the source gives no texts or did not read it from a file.
   */
  public Optional<String> text(VerticalPack pack) {
    return texts == null ? Optional.empty() : texts.text(pack);
  }

  /**
   * The pack an org accepted, read from its kept text (built once per slug, version and text, and
   * kept).
   *
   * @throws OmniFlowException {@code invalid_accepted_pack} (conflict) if the source gives no texts
   *     or the text is not a valid pack for this release
   */
  public VerticalPack accepted(AcceptedPack accepted) {
    PackTexts t = requireTexts();
    String text = accepted.text();
    return fromText.get(
        new TextKey(accepted.slug(), accepted.version(), text.length(), text.hashCode()),
        k -> {
          try {
            return t.read(text);
          } catch (PackPatchException e) {
            throw OmniFlowException.conflict(
                PackErrors.INVALID_ACCEPTED_PACK,
                "The kept text of "
                    + accepted.slug()
                    + " "
                    + accepted.version()
                    + " is not a valid pack here: "
                    + e.problems().get(0).message());
          }
        });
  }

  /**
   * The org's override merged over the pack it accepted, which the catalog no longer holds at that
   * version; kept as {@link #patched(VerticalPack, PackOverride)} keeps its results.
   *
   * @throws OmniFlowException as {@link #patched(VerticalPack, PackOverride)} and {@link
   *     #accepted(AcceptedPack)}
   */
  public VerticalPack patched(AcceptedPack accepted, PackOverride override) {
    return merge(accepted(accepted), accepted, override, e -> {}).orThrow();
  }

  /**
   * What the pack {@code newText} holds changes from the one {@code oldText} holds.
   *
   * @throws OmniFlowException {@code invalid_accepted_pack} (conflict) if the source gives no texts
   *     or either text is not a valid pack
   */
  public List<PackChange> diff(String oldText, String newText) {
    try {
      return requireTexts().diff(oldText, newText);
    } catch (PackPatchException e) {
      throw OmniFlowException.conflict(
          PackErrors.INVALID_ACCEPTED_PACK,
          "The kept pack text does not compare: " + e.problems().get(0).message());
    }
  }

  private PackTexts requireTexts() {
    PackTexts t = texts;
    if (t == null) {
      throw OmniFlowException.conflict(
          PackErrors.INVALID_ACCEPTED_PACK, "This host's pack source gives no pack texts.");
    }
    return t;
  }

  private static OmniFlowException refuse(VerticalPack base, PackPatchException e) {
    List<Problem> problems = e.problems();
    StringBuilder b =
        new StringBuilder("The override of ")
            .append(base.slug())
            .append(' ')
            .append(base.version())
            .append(" is not valid (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem): " : " problems): ");
    for (int i = 0; i < Math.min(problems.size(), MAX_REPORTED); i++) {
      Problem pr = problems.get(i);
      b.append(i == 0 ? "" : "; ")
          .append(pr.path().isEmpty() ? "/" : Problem.clip(pr.path()))
          .append(" : ")
          .append(pr.message());
    }
    if (problems.size() > MAX_REPORTED) {
      b.append(" (and ").append(problems.size() - MAX_REPORTED).append(" more)");
    }
    return OmniFlowException.invalidInput(
        PackErrors.INVALID_PACK_OVERRIDE, b.append('.').toString(), e.errors());
  }

  /**
   * Whether {@link #noteKept} was called for {@code org} and {@code pack} and is still remembered
   * ({@value #MAX_KEPT} at most): the org's text of that version is known to be kept, so {@code
   * OrgPacks} need not ask the store again (decision 0085).
   */
  public boolean seenKept(UUID org, VerticalPack pack) {
    return kept.getIfPresent(new KeptKey(org, pack.slug(), pack.version())) != null;
  }

  /** Remembers that {@code org}'s text of {@code pack} is kept in the store. */
  public void noteKept(UUID org, VerticalPack pack) {
    kept.put(new KeptKey(org, pack.slug(), pack.version()), Boolean.TRUE);
  }

  /** Every pack, in the order the source gave them. */
  public List<VerticalPack> all() {
    return new ArrayList<>(bySlug.values());
  }

  public Optional<VerticalPack> find(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  /**
   * @throws OmniFlowException {@code unknown_pack} (invalid input) if no pack has that slug
   */
  public VerticalPack require(String slug) {
    VerticalPack pack = bySlug.get(slug);
    if (pack == null) {
      throw OmniFlowException.invalidInput(
          PackErrors.UNKNOWN_PACK,
          "No vertical pack has the slug '"
              + Problem.clip(slug)
              + "'; available: "
              + bySlug.keySet()
              + ".");
    }
    return pack;
  }
}
