package ai.omniflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading the path CSV")
class PathCsvTest {
  static final String HEADER = "path,total_conversions,total_conversion_value,total_null\n";

  static PathCsv.Outcome read(String csv, Attribution.Tally tally) throws IOException {
    return PathCsv.read(new StringReader(csv), tally);
  }

  static Attribution.Tally tally() {
    return Attribution.builder().models(List.of(new AttributionModel.Linear())).build().tally();
  }

  @Test
  @DisplayName("adds identical paths together and credits their sums")
  void aggregatesIdenticalPaths() throws IOException {
    Attribution.Tally t = tally();
    PathCsv.Outcome o =
        read(
            HEADER + "a > b,1,10.00,4\r\n" + "a>b,2,20.5,0\n" + "\n" + "\"c, the channel\",1,1,0\n",
            t);
    assertThat(o.ok()).isTrue();
    assertThat(o.rows()).isEqualTo(3);
    assertThat(t.paths()).isEqualTo(2);
    assertThat(t.journeys()).isEqualTo(8);
    AttributionResult r = t.results().get(0);
    assertThat(Fixtures.values(r))
        .containsEntry("a", "15.25")
        .containsEntry("b", "15.25")
        .containsEntry("c, the channel", "1.00");
    assertThat(r.value()).isEqualByComparingTo("31.50");
    assertThat(r.conversions()).isEqualByComparingTo("4");
  }

  @Test
  @DisplayName("accepts the columns in any order")
  void columnsInAnyOrder() throws IOException {
    Attribution.Tally t = tally();
    assertThat(
            read("total_null,path,total_conversion_value,total_conversions\n3,a,5.00,1\n", t).ok())
        .isTrue();
    assertThat(t.journeys()).isEqualTo(4);
  }

  @Test
  @DisplayName("reports each bad row's line and reason, and computes nothing")
  void reportsBadRows() throws IOException {
    String csv =
        HEADER
            + "a,1,1.00,0\n"
            + "a,-1,1.00,0\n"
            + "a,1,-1.00,0\n"
            + "a,1,1.001,0\n"
            + "a,1,1e3,0\n"
            + "a,1,NaN,0\n"
            + "a,1,Infinity,0\n"
            + "a > > b,1,1.00,0\n"
            + "a,1,1.00\n"
            + "a,1,1.00,0,9\n"
            + "a,0,5.00,1\n"
            + "a,1.5,1.00,0\n"
            + "\"a,1,1.00,0\n"
            + "b,1,1.00,0\n";
    Attribution.Tally t = tally();
    PathCsv.Outcome o = read(csv, t);
    assertThat(o.ok()).isFalse();
    assertThat(o.badRows())
        .extracting(BadRow::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
    assertThat(o.badRows().get(0).reason()).contains("total_conversions");
    assertThat(t.journeys()).as("nothing after the first bad row is added").isEqualTo(1);
    assertThatThrownBy(o::orThrow)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_csv");
              assertThat(e.getMessage()).contains("Line 3:", "Line 14:", "12 bad row(s)");
            });
  }

  @Test
  @DisplayName("lists at most 20 bad rows but counts them all")
  void listsTwentyBadRows() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 50; i++) {
      csv.append("a,x,1,0\n");
    }
    PathCsv.Outcome o = read(csv.toString(), tally());
    assertThat(o.badRows()).hasSize(20);
    assertThat(o.badRowCount()).isEqualTo(50);
    assertThat(o.badRows().get(19).line()).isEqualTo(21);
  }

  @Test
  @DisplayName("never repeats the input in a reason, however long or hostile")
  void reasonsDoNotEchoInput() throws IOException {
    String longName = "<b>".repeat(200);
    String csv =
        HEADER
            + longName
            + ",1,1.00,0\n"
            + "a,1,"
            + "9".repeat(39)
            + ",0\n"
            + "x".repeat(PathCsv.MAX_LINE + 10)
            + ",1,1.00,0\n"
            + "a\0b,1,1.00,0\n"
            + "a >".repeat(Journey.MAX_TOUCHES)
            + " a,1,1.00,0\n";
    PathCsv.Outcome o = read(csv, tally());
    assertThat(o.badRows()).extracting(BadRow::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThatThrownBy(o::orThrow)
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain("<b>", "99999", "xxxx");
              assertThat(e.getMessage().length()).isLessThan(4096);
            });
  }

  @Test
  @DisplayName("refuses a wrong header at line 1 and reads no further")
  void refusesAWrongHeader() throws IOException {
    PathCsv.Outcome o = read("path,conversions\na,1\n", tally());
    assertThat(o.badRows()).extracting(BadRow::line).containsExactly(1L);
    assertThat(read("", tally()).badRows()).extracting(BadRow::line).containsExactly(1L);
  }

  @Test
  @DisplayName("computeCsv throws invalid_csv instead of computing on bad rows")
  void computeCsvRefusesBadRows() {
    assertThatThrownBy(
            () -> Attribution.builder().build().computeCsv(new StringReader(HEADER + "a,1,x,0\n")))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_csv"));
  }

  @Test
  @DisplayName("reads UTF-8 bytes the same as characters, names beyond ASCII and bad rows alike")
  void bytesAndCharactersAgree() throws IOException {
    String csv = HEADER + "café > a,1,3.00,2\n" + "a,1,1.00,0\n" + "naïve,x,1,0\n" + "b,1,1,0";
    Attribution.Tally chars = tally();
    Attribution.Tally bytes = tally();
    PathCsv.Outcome fromChars = read(csv, chars);
    PathCsv.Outcome fromBytes =
        PathCsv.read(
            new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            bytes);
    assertThat(fromBytes).isEqualTo(fromChars);
    assertThat(fromBytes.badRows()).extracting(BadRow::line).containsExactly(4L);
    Attribution.Tally good = tally();
    String ok = HEADER + "café > a,1,3.00,2\n";
    PathCsv.read(
            new java.io.ByteArrayInputStream(ok.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            good)
        .orThrow();
    assertThat(Fixtures.values(good.results().get(0))).containsEntry("café", "1.50");
  }
}
