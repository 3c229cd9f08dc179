package ai.omniflow.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("A direct statement binds by name and runs on the connection as Jdbi would")
@ExtendWith(PostgresTestDatabase.class)
class DirectSqlTest {
  private static final DirectSql ECHO =
      DirectSql.of(
          "select cast(:id as uuid) as id, :id = cast(:id as uuid) as same, cast(:name as text)"
              + " as name, cast(:at as timestamptz) as at, cast(:n as bigint) as n,"
              + " cast(:k as integer) as k, cast(:yes as boolean) as yes,"
              + " cast(:words as text[]) as words, ':not_a_parameter' as literal,"
              + " (select count(*) from <schema>.flyway_schema_history) > 0 as migrated");

  private final TestDatabase db;

  DirectSqlTest(TestDatabase db) {
    this.db = db;
  }

  @Test
  void aParameterNamedTwiceIsBoundAtBothPlacesAndEachTypeComesBackAsBound() throws SQLException {
    UUID id = UUID.randomUUID();
    Instant at = Instant.parse("2026-03-08T06:59:59.123456Z");
    try (Connection c = db.adminDataSource().getConnection()) {
      List<Object> row =
          ECHO.on(c, db.schema())
              .uuid("id", id)
              .text("name", "Ana: ça va?")
              .instant("at", at)
              .int8("n", Long.MAX_VALUE)
              .int4("k", -7)
              .bool("yes", true)
              .texts("words", List.of("a", "b c", ""))
              .one(
                  rs ->
                      List.of(
                          Columns.uuid(rs, "id"),
                          rs.getBoolean("same"),
                          rs.getString("name"),
                          Columns.instant(rs, "at"),
                          rs.getLong("n"),
                          rs.getInt("k"),
                          rs.getBoolean("yes"),
                          List.of((Object[]) rs.getArray("words").getArray()),
                          rs.getString("literal"),
                          rs.getBoolean("migrated")));
      assertThat(row)
          .containsExactly(
              id,
              true,
              "Ana: ça va?",
              at,
              Long.MAX_VALUE,
              -7,
              true,
              List.of("a", "b c", ""),
              ":not_a_parameter",
              true);
    }
  }

  @Test
  void nullsOfEveryTypeAreBoundAsNullsOfThatType() throws SQLException {
    try (Connection c = db.adminDataSource().getConnection()) {
      String nulls =
          ECHO.on(c, db.schema())
              .uuid("id", null)
              .text("name", null)
              .instant("at", null)
              .int8("n", null)
              .int4("k", null)
              .bool("yes", null)
              .texts("words", List.of())
              .one(
                  rs ->
                      "%s %s %s %s %s %s %s"
                          .formatted(
                              rs.getObject("id"),
                              rs.getObject("same"),
                              rs.getObject("name"),
                              rs.getObject("at"),
                              rs.getObject("n"),
                              rs.getObject("k"),
                              rs.getObject("yes")));
      assertThat(nulls).isEqualTo("null null null null null null null");
    }
  }

  @Test
  void aParameterLeftUnboundIsRefusedBeforeTheStatementIsSent() throws SQLException {
    try (Connection c = db.adminDataSource().getConnection()) {
      DirectSql.Call call = ECHO.on(c, db.schema()).uuid("id", UUID.randomUUID());
      assertThatThrownBy(() -> call.one(rs -> 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a parameter of the statement is not bound");
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void aNameTheStatementDoesNotHaveIsRefused() throws SQLException {
    try (Connection c = db.adminDataSource().getConnection()) {
      assertThatThrownBy(() -> ECHO.on(c, db.schema()).text("nmae", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the statement has no parameter nmae");
    }
  }

  @Test
  void aFailureOfTheSecondStatementOfARoundTripSurfacesWithItsSqlState() throws SQLException {
    DirectSql two =
        DirectSql.of("select cast(:n as integer) as n; select 1 / (cast(:n as integer) - 1)");
    try (Connection c = db.adminDataSource().getConnection()) {
      assertThatThrownBy(() -> two.on(c, db.schema()).int4("n", 1).one(rs -> rs.getInt("n")))
          .isInstanceOf(DirectSql.Failed.class)
          .cause()
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22012");
      int n = two.on(c, db.schema()).int4("n", 2).one(rs -> rs.getInt("n"));
      assertThat(n).isEqualTo(2);
    }
  }

  @Test
  void aStoreFailureOfADirectStatementIsTranslatedWithoutTheValuesBound() {
    RuntimeException translated =
        SqlFailures.translate(
            "test.direct",
            new DirectSql.Failed(new SQLException("value secret@example.com is bad", "22001")));
    assertThat(translated.getMessage())
        .doesNotContain("secret@example.com")
        .contains("test.direct");
  }
}
