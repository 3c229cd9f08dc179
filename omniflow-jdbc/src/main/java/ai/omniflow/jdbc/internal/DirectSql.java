package ai.omniflow.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jspecify.annotations.Nullable;

/**
 * A statement of the store's own SQL (named {@code :parameters}, {@code <schema>}) run on the
 * transaction's connection with plain JDBC, for the few statements of a hot path (decision 0110):
 * Jdbi copies its configuration, parses, renders and finds an argument factory for every value of
 * every statement it runs, which was most of the JVM time of the SLA clock keeping. The named
 * parameters are turned into positions once, by Jdbi's own parser, when the constant is made; a
 * call binds values by name with their SQL type and runs the statement through pgjdbc, whose
 * server-prepared statements are keyed by the text, as Jdbi's are.
 */
final class DirectSql {
  private final String named;
  private final String positional;
  private final Map<String, int[]> positions;
  private final int count;

  private DirectSql(String named) {
    this.named = named;
    ParsedSql parsed = new ColonPrefixSqlParser().parse(named, null);
    this.positional = parsed.getSql();
    List<String> names = parsed.getParameters().getParameterNames();
    if (parsed.getParameters().isPositional() && !names.isEmpty()) {
      throw new IllegalArgumentException("a direct statement names its parameters");
    }
    Map<String, int[]> at = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      int position = i + 1;
      at.merge(
          names.get(i),
          new int[] {position},
          (a, b) -> {
            int[] both = Arrays.copyOf(a, a.length + 1);
            both[a.length] = b[0];
            return both;
          });
    }
    this.positions = Map.copyOf(at);
    this.count = names.size();
  }

  /** The statement {@code named}, its parameters placed once. */
  static DirectSql of(String named) {
    return new DirectSql(Objects.requireNonNull(named, "named"));
  }

  /** The statement as written, with {@code <schema>} and named parameters. */
  String named() {
    return named;
  }

  /** A call of the statement on {@code connection}, with {@code <schema>} as {@code schema}. */
  Call on(Connection connection, String schema) {
    return new Call(connection, schema);
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** A database failure of a direct statement, for {@link SqlFailures} to translate. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(SQLException cause) {
      super("a direct statement failed", cause);
    }
  }

  /** One execution: every parameter bound once by name, then {@link #one} or {@link #run}. */
  final class Call {
    private final Connection connection;
    private final String schema;
    private final @Nullable Object[] values = new Object[count];
    private final int[] types = new int[count];
    private final boolean[] bound = new boolean[count];

    private Call(Connection connection, String schema) {
      this.connection = connection;
      this.schema = schema;
    }

    Call uuid(String name, @Nullable UUID value) {
      return put(name, Types.OTHER, value);
    }

    Call text(String name, @Nullable String value) {
      return put(name, Types.VARCHAR, value);
    }

    Call instant(String name, @Nullable Instant value) {
      return put(name, Types.TIMESTAMP_WITH_TIMEZONE, value);
    }

    Call int8(String name, @Nullable Long value) {
      return put(name, Types.BIGINT, value);
    }

    Call int4(String name, @Nullable Integer value) {
      return put(name, Types.INTEGER, value);
    }

    Call bool(String name, @Nullable Boolean value) {
      return put(name, Types.BOOLEAN, value);
    }

    /** A {@code text[]}: the statement casts it ({@code cast(:x as text[])}). */
    Call texts(String name, List<String> value) {
      return put(name, Types.ARRAY, value.toArray(new String[0]));
    }

    private Call put(String name, int type, @Nullable Object value) {
      int[] at = positions.get(name);
      if (at == null) {
        throw new IllegalArgumentException("the statement has no parameter " + name);
      }
      for (int p : at) {
        values[p - 1] = value;
        types[p - 1] = type;
        bound[p - 1] = true;
      }
      return this;
    }

    /** Runs the statement and reads the one row its first result has. */
    <T> T one(Row<T> row) {
      try (PreparedStatement ps = prepared()) {
        boolean results = ps.execute();
        if (!results) {
          throw new IllegalStateException("the statement answered no rows");
        }
        try (ResultSet rs = ps.getResultSet()) {
          if (!rs.next()) {
            throw new IllegalStateException("the statement answered no row");
          }
          T value = row.read(rs);
          if (rs.next()) {
            throw new IllegalStateException("the statement answered more than one row");
          }
          drain(ps);
          return value;
        }
      } catch (SQLException e) {
        throw new Failed(e);
      }
    }

    /** Runs the statement; answers the rows its first result changed. */
    int run() {
      try (PreparedStatement ps = prepared()) {
        ps.execute();
        int rows = ps.getUpdateCount();
        drain(ps);
        return rows;
      } catch (SQLException e) {
        throw new Failed(e);
      }
    }

    /** Reads the results of the statements after the first, so that a failure of one surfaces. */
    private void drain(PreparedStatement ps) throws SQLException {
      while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
        // each further result is read and dropped
      }
    }

    private PreparedStatement prepared() throws SQLException {
      for (int i = 0; i < count; i++) {
        if (!bound[i]) {
          throw new IllegalStateException("a parameter of the statement is not bound");
        }
      }
      PreparedStatement ps = connection.prepareStatement(positional.replace("<schema>", schema));
      try {
        for (int i = 0; i < count; i++) {
          Object v = values[i];
          if (v instanceof String[] array) {
            ps.setArray(i + 1, connection.createArrayOf("text", array));
          } else {
            JdbiTypes.set(ps, i + 1, types[i], v);
          }
        }
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
      return ps;
    }
  }
}
