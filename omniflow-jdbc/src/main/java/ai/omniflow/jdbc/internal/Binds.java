package ai.omniflow.jdbc.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jspecify.annotations.Nullable;

/**
 * Binds and reads the column types OmniFlow uses, explicitly, so that no JVM time zone or driver
 * default decides how an instant or a UUID travels: instants go as {@code timestamptz} in UTC.
 */
final class Binds {
  private Binds() {}

  static Argument uuid(@Nullable UUID value) {
    return (position, statement, ctx) -> {
      if (value == null) {
        statement.setNull(position, Types.OTHER);
      } else {
        statement.setObject(position, value);
      }
    };
  }

  static Argument text(@Nullable String value) {
    return (position, statement, ctx) -> {
      if (value == null) {
        statement.setNull(position, Types.VARCHAR);
      } else {
        statement.setString(position, value);
      }
    };
  }

  static Argument instant(@Nullable Instant value) {
    return (position, statement, ctx) -> {
      if (value == null) {
        statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
      }
    };
  }

  static Argument bytes(byte @Nullable [] value) {
    return (position, statement, ctx) -> {
      if (value == null) {
        statement.setNull(position, Types.BINARY);
      } else {
        statement.setBytes(position, value);
      }
    };
  }

  static Argument uuids(List<UUID> values) {
    return (position, statement, ctx) ->
        statement.setArray(
            position, statement.getConnection().createArrayOf("uuid", values.toArray()));
  }

  static Argument texts(java.util.Collection<String> values) {
    return (position, statement, ctx) ->
        statement.setArray(
            position, statement.getConnection().createArrayOf("text", values.toArray()));
  }

  static List<String> texts(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    List<String> out = new java.util.ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      out.add((String) o);
    }
    return out;
  }

  static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    List<UUID> out = new ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      out.add((UUID) o);
    }
    return out;
  }

  static Argument bool(boolean value) {
    return (position, statement, ctx) -> statement.setBoolean(position, value);
  }

  static Argument integer(long value) {
    return (position, statement, ctx) -> statement.setLong(position, value);
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    UUID value = rs.getObject(column, UUID.class);
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }

  static @Nullable UUID nullableUuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Instant value = nullableInstant(rs, column);
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }

  static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
