package ai.omniflow.jdbc.internal;

import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jspecify.annotations.Nullable;

/**
 * The column types OmniFlow binds and reads, registered once on the Jdbi instance so that no JVM
 * time zone or driver default decides how a value travels: an {@link Instant} goes as {@code
 * timestamptz} in UTC, a {@link UUID} as {@code uuid}, a {@link Map} as JSON text (the SQL casts it
 * to {@code jsonb}); and the schema name is the defined attribute {@code <schema>}.
 */
final class JdbiTypes {
  private JdbiTypes() {}

  static Jdbi install(Jdbi jdbi, String schema, JsonCodec json) {
    return jdbi.define("schema", SqlNames.require("schema", schema))
        .registerArgument(new InstantArgument())
        .registerArgument(new UuidArgument())
        .registerArgument(new JsonArgument(json))
        .registerColumnMapper(
            Instant.class,
            (rs, column, ctx) -> {
              OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
              return value == null ? null : value.toInstant();
            })
        .registerColumnMapper(UUID.class, (rs, column, ctx) -> rs.getObject(column, UUID.class))
        .registerColumnMapper(
            Columns.JSON_OBJECT, (rs, column, ctx) -> json.read(rs.getString(column)))
        .registerColumnMapper(
            Columns.JSON_LIST,
            (rs, column, ctx) -> {
              String text = rs.getString(column);
              return text == null ? null : json.readList(text);
            });
  }

  private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
    InstantArgument() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) ->
          statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  private static final class UuidArgument extends AbstractArgumentFactory<UUID> {
    UuidArgument() {
      super(Types.OTHER);
    }

    @Override
    protected Argument build(UUID value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setObject(position, value);
    }
  }

  /** Any map, written as JSON text; the statement casts it ({@code cast(:payload as jsonb)}). */
  private static final class JsonArgument implements ArgumentFactory.Preparable {
    private final JsonCodec json;

    JsonArgument(JsonCodec json) {
      this.json = json;
    }

    @Override
    public Optional<Function<@Nullable Object, Argument>> prepare(
        Type type, ConfigRegistry config) {
      if (!Map.class.isAssignableFrom(GenericTypes.getErasedType(type))) {
        return Optional.empty();
      }
      return Optional.of(
          value -> {
            @SuppressWarnings("unchecked")
            String text = json.write((Map<String, ? extends @Nullable Object>) value);
            return (position, statement, ctx) -> {
              if (text == null) {
                statement.setNull(position, Types.VARCHAR);
              } else {
                statement.setString(position, text);
              }
            };
          });
    }
  }
}
