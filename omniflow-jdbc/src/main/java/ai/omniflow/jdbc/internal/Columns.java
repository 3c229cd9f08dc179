package ai.omniflow.jdbc.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Reads a row's columns in a row mapper through the column mappers registered once on the Jdbi
 * instance (see {@link JdbiTypes}): instants, UUIDs and JSON read the same way wherever they occur.
 */
final class Columns {
  static final GenericType<Map<String, @Nullable Object>> JSON_OBJECT = new GenericType<>() {};
  static final GenericType<List<Map<String, @Nullable Object>>> JSON_LIST = new GenericType<>() {};

  private Columns() {}

  static UUID uuid(ResultSet rs, StatementContext ctx, String column) throws SQLException {
    return required(nullableUuid(rs, ctx, column), column);
  }

  static @Nullable UUID nullableUuid(ResultSet rs, StatementContext ctx, String column)
      throws SQLException {
    return mapper(ctx, UUID.class).map(rs, column, ctx);
  }

  static Instant instant(ResultSet rs, StatementContext ctx, String column) throws SQLException {
    return required(nullableInstant(rs, ctx, column), column);
  }

  static @Nullable Instant nullableInstant(ResultSet rs, StatementContext ctx, String column)
      throws SQLException {
    return mapper(ctx, Instant.class).map(rs, column, ctx);
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

  private static <T> ColumnMapper<T> mapper(StatementContext ctx, Class<T> type) {
    return ctx.findColumnMapperFor(type)
        .orElseThrow(() -> new IllegalStateException("no column mapper for " + type));
  }

  private static <T> T required(@Nullable T value, String column) {
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }
}
