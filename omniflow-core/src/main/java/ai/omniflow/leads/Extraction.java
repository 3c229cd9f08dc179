package ai.omniflow.leads;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lead fields read from a lead's sources: one {@link ExtractedField} per field that was found,
 * in the pack's field order. A field that no source states (or states ambiguously) is absent.
 *
 * <pre>{@code
 * Extraction x = LeadFieldExtractor.of(pack).extract(sources, today, zone);
 * x.values();                // {budget=650000, timeline=Within 3 months}, for LeadFacts
 * x.get("budget");           // Optional[ExtractedField[...]]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param fields field key to what was read for it
 */
public record Extraction(Map<String, ExtractedField> fields) {
  /**
   * Copies {@code fields}, keeping its order.
   *
   * @throws IllegalArgumentException if a map key is not its field's key
   */
  public Extraction {
    Map<String, ExtractedField> copy = new LinkedHashMap<>();
    fields.forEach(
        (k, f) -> {
          if (!k.equals(f.key())) {
            throw new IllegalArgumentException("key '" + k + "' holds field '" + f.key() + "'");
          }
          copy.put(k, f);
        });
    fields = Collections.unmodifiableMap(copy);
  }

  /** What was read for the field {@code key}, if anything. */
  public Optional<ExtractedField> get(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  /** Field key to value, in field order: what {@code LeadFacts.Builder.set} takes. */
  public Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEach((k, f) -> values.put(k, f.value()));
    return Collections.unmodifiableMap(values);
  }

  /** Whether nothing was read. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }
}
