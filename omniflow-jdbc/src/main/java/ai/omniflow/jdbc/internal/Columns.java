package ai.omniflow.jdbc.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Reads a row's columns in a row mapper: instants and UUIDs read directly, as the column mappers
 * registered once on the Jdbi instance read them (see {@link JdbiTypes}), and JSON through those
 * mappers: each type reads the same way wherever it occurs.
 */
final class Columns {
  static final GenericType<Map<String, @Nullable Object>> JSON_OBJECT = new GenericType<>() {};
  static final GenericType<List<Map<String, @Nullable Object>>> JSON_LIST = new GenericType<>() {};

  private Columns() {}

  /*
   * Uuids and instants are read directly, as JdbiTypes' column mappers read them: looking a mapper
   * up per row and column walked the statement's copy of the registry (decision 0110).
   */

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return required(nullableUuid(rs, column), column);
  }

  static @Nullable UUID nullableUuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return required(nullableInstant(rs, column), column);
  }

  static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static @Nullable Map<String, @Nullable Object> json(
      ResultSet rs, StatementContext ctx, String column) throws SQLException {
    return ctx.findColumnMapperFor(JSON_OBJECT).orElseThrow().map(rs, column, ctx);
  }

  static List<Map<String, @Nullable Object>> jsonList(
      ResultSet rs, StatementContext ctx, String column) throws SQLException {
    return required(ctx.findColumnMapperFor(JSON_LIST).orElseThrow().map(rs, column, ctx), column);
  }

  static List<String> texts(ResultSet rs, StatementContext ctx, String column) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Object o : array(rs, column)) {
      out.add((String) o);
    }
    return out;
  }

  static List<UUID> uuids(ResultSet rs, StatementContext ctx, String column) throws SQLException {
    List<UUID> out = new ArrayList<>();
    for (Object o : array(rs, column)) {
      out.add((UUID) o);
    }
    return out;
  }

  private static Object[] array(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return (Object[]) array.getArray();
  }

  private static <T> T required(@Nullable T value, String column) {
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }
}
