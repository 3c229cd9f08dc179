package ai.omniflow.jdbc.internal;

import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.statement.StatementContext;
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
        .registerArgument(new JsonArgument(json))
        .registerArgument(new CommonArguments())
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

  /**
   * The types bound on almost every statement, each prepared by this factory before Jdbi's own
   * (registered last, it is asked first; decision 0110). Jdbi copies a handle's argument registry
   * for every statement, and the copy's cache of prepared factories starts empty, so each type
   * bound walked the whole chain of factories again on every statement (a {@code String} past six
   * of them); and an argument whose class does not declare {@code toString}, such as a lambda, was
   * wrapped in one that formats the value at once, for a message almost never built. Here each type
   * is one comparison away, and each argument is a record, which declares its {@code toString} and
   * formats nothing until asked. The SQL types are those Jdbi's built-in factories bind, and those
   * OmniFlow bound before: an {@link Instant} as {@code timestamptz} in UTC, a {@link UUID} as
   * {@code uuid}.
   */
  static final class CommonArguments implements ArgumentFactory.Preparable {
    @Override
    public Optional<Function<@Nullable Object, Argument>> prepare(
        Type type, ConfigRegistry config) {
      return Optional.ofNullable(of(type));
    }

    private static @Nullable Function<@Nullable Object, Argument> of(Type type) {
      if (type == String.class) {
        return v -> new Bound(Types.VARCHAR, v);
      } else if (type == UUID.class) {
        return v -> new Bound(Types.OTHER, v);
      } else if (type == Instant.class) {
        return v -> new Bound(Types.TIMESTAMP_WITH_TIMEZONE, v);
      } else if (type == Long.class || type == long.class) {
        return v -> new Bound(Types.BIGINT, v);
      } else if (type == Integer.class || type == int.class) {
        return v -> new Bound(Types.INTEGER, v);
      } else if (type == Boolean.class || type == boolean.class) {
        return v -> new Bound(Types.BOOLEAN, v);
      } else if (type == Double.class || type == double.class) {
        return v -> new Bound(Types.DOUBLE, v);
      }
      return null;
    }
  }

  /**
   * One value of a {@link CommonArguments} type with its SQL type: a null is bound as a null of
   * that type.
   */
  record Bound(int sqlType, @Nullable Object value) implements Argument {
    @Override
    public void apply(int position, PreparedStatement statement, StatementContext ctx)
        throws SQLException {
      set(statement, position, sqlType, value);
    }

    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  /**
   * Binds {@code value} at {@code position} as OmniFlow binds each of the {@link CommonArguments}
   * types, through Jdbi or a {@link DirectSql}: a null as a null of {@code sqlType}.
   */
  static void set(PreparedStatement statement, int position, int sqlType, @Nullable Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(position, sqlType);
    } else if (value instanceof String text) {
      statement.setString(position, text);
    } else if (value instanceof Instant instant) {
      statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    } else if (value instanceof Long n) {
      statement.setLong(position, n);
    } else if (value instanceof Integer n) {
      statement.setInt(position, n);
    } else if (value instanceof Boolean b) {
      statement.setBoolean(position, b);
    } else if (value instanceof Double d) {
      statement.setDouble(position, d);
    } else {
      statement.setObject(position, value);
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
            return new Bound(Types.VARCHAR, text);
          });
    }
  }
}
