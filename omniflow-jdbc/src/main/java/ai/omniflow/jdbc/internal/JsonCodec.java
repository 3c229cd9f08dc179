package ai.omniflow.jdbc.internal;

import ai.omniflow.store.spi.JsonValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON-shaped maps to {@code jsonb} text and reads them back, so that what is read equals a
 * {@link JsonValues} copy of what was written: floats come back as {@code BigDecimal}, integral
 * numbers as {@code Integer}, {@code Long} or {@code BigInteger} by size. Thread-safe.
 */
public final class JsonCodec {
  private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {};

  private static final TypeReference<java.util.List<Map<String, @Nullable Object>>> LIST =
      new TypeReference<>() {};

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The JSON text of {@code value}, or {@code null} for {@code null}. */
  public @Nullable String write(@Nullable Map<String, ? extends @Nullable Object> value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the value cannot be written as JSON", e);
    }
  }

  /** The JSON text of a list of objects. */
  public String writeList(java.util.List<? extends Map<String, ? extends @Nullable Object>> value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the value cannot be written as JSON", e);
    }
  }

  /** The list of objects {@code json} holds. */
  public java.util.List<Map<String, @Nullable Object>> readList(String json) {
    try {
      return mapper.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON value cannot be read back as a list");
    }
  }

  /** The map {@code json} holds, or {@code null} for {@code null}. */
  public @Nullable Map<String, @Nullable Object> read(@Nullable String json) {
    if (json == null) {
      return null;
    }
    try {
      return JsonValues.copyObject(mapper.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON value cannot be read back as an object");
    }
  }
}
