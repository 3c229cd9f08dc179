package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("POST /attribution/compute: every model over an uploaded path CSV")
class AttributionComputeTest extends ServerTest {
  private static final String HEADER = "path,total_conversions,total_conversion_value,total_null\n";
  private static final long LIMIT = 200L << 20;

  private Actor owner;
  private Map<String, String> csvAsOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Compute Co");
    csvAsOwner = new LinkedHashMap<>(as(owner.orgId(), owner.userId()));
    csvAsOwner.put("Content-Type", "text/csv");
  }

  private Answer compute(String query, String csv) {
    return post("/attribution/compute" + query, csv, csvAsOwner);
  }

  private static JsonNode credit(JsonNode credits, String channel) {
    for (JsonNode c : credits) {
      if (c.path("channel").asString().equals(channel)) {
        return c;
      }
    }
    throw new AssertionError("no credit for " + channel + " in " + credits);
  }

  @Test
  @DisplayName("the worked example answers paths, totals and every model's credits per channel")
  void workedExample() {
    Answer a =
        compute(
            "",
            HEADER
                + "facebook_ad > instagram_dm,1,100.00,0\n"
                + "facebook_ad,0,0,1\n"
                + "\"instagram_dm\",1,50.00,0\n");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(json.path("paths").asLong()).isEqualTo(3);
    assertThat(json.path("conversions").decimalValue()).isEqualByComparingTo("2");
    assertThat(json.path("value").decimalValue()).isEqualByComparingTo("150.00");
    JsonNode models = json.path("models");
    assertThat(models.propertyNames())
        .containsExactly(
            "first_touch",
            "last_touch",
            "last_non_direct",
            "linear",
            "time_decay",
            "u_shaped",
            "w_shaped",
            "full_path",
            "markov",
            "shapley",
            "shapley_ordered");
    JsonNode markov = models.path("markov");
    assertThat(credit(markov, "facebook_ad").path("conversions").decimalValue())
        .isEqualByComparingTo("0.6667");
    assertThat(credit(markov, "facebook_ad").path("value").decimalValue())
        .isEqualByComparingTo("50.00");
    assertThat(credit(markov, "instagram_dm").path("conversions").decimalValue())
        .isEqualByComparingTo("1.3333");
    assertThat(credit(models.path("last_touch"), "instagram_dm").path("value").decimalValue())
        .isEqualByComparingTo("150.00");
    assertThat(credit(markov, "facebook_ad").has("position")).isFalse();
    assertThat(models.path("shapley_ordered").get(0).path("position").asInt()).isPositive();
  }

  @Test
  @DisplayName("one model, and Markov of order 2, are computed alone")
  void oneModelWithAnOrder() {
    Answer a = compute("?model=markov&order=2", HEADER + "a > b > c,3,30.00,5\nb > c,1,5.00,9\n");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("models").propertyNames()).containsExactly("markov");
    assertThat(a.json().path("conversions").decimalValue()).isEqualByComparingTo("4");
  }

  @Test
  @DisplayName(
      "an unknown model, an order outside 1 to 3 or a half-life outside 1 to 365 days answers 400"
          + " naming the parameter")
  void badParameters() {
    Answer model = compute("?model=astrology", HEADER + "a,1,1.00,0\n");
    assertProblem(model, 400, "invalid_model");
    assertThat(model.json().path("detail").asString()).contains("model");
    assertThat(model.body()).doesNotContain("astrology");

    for (String order : new String[] {"0", "4", "x"}) {
      Answer a = compute("?model=all&order=" + order, HEADER + "a,1,1.00,0\n");
      assertProblem(a, 400, "invalid_order");
      assertThat(a.json().path("detail").asString()).contains("order");
    }
    for (String days : new String[] {"0", "366", "x"}) {
      Answer a = compute("?model=time_decay&half_life_days=" + days, HEADER + "a,1,1.00,0\n");
      assertProblem(a, 400, "invalid_half_life");
      assertThat(a.json().path("detail").asString()).contains("half_life_days");
    }
    Answer ok = compute("?model=time_decay&half_life_days=30", HEADER + "a > b,1,1.00,0\n");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  @DisplayName("a CSV with bad rows answers 422 with the first 20 bad lines and why")
  void badRows() {
    StringBuilder csv = new StringBuilder(HEADER).append("a > b,1,10.00,0\n");
    for (int i = 0; i < 24; i++) {
      csv.append(i % 2 == 0 ? "a > b,-1,10.00,0\n" : "a > > b,1,10.00,0\n");
    }
    Answer a = compute("", csv.toString());

    assertProblem(a, 422, "invalid_csv");
    JsonNode json = a.json();
    assertThat(json.path("bad_row_count").asLong()).isEqualTo(24);
    JsonNode rows = json.path("bad_rows");
    assertThat(rows.size()).isEqualTo(20);
    assertThat(rows.get(0).path("line").asLong()).isEqualTo(3);
    assertThat(rows.get(0).path("reason").asString()).startsWith("total_conversions");
    assertThat(rows.get(1).path("line").asLong()).isEqualTo(4);
    assertThat(rows.get(1).path("reason").asString()).startsWith("path");
    assertThat(rows.get(19).path("line").asLong()).isEqualTo(22);
    assertThat(a.body().length()).isLessThan(4096);
  }

  @Test
  @DisplayName("a body that is not text/csv answers 415 saying what to send")
  void notCsv() {
    Answer a = post("/attribution/compute", "{}", as(owner.orgId(), owner.userId()));

    assertProblem(a, 415, "unsupported_media_type");
    assertThat(a.json().path("detail").asString()).contains("text/csv");
  }

  @Test
  @DisplayName("an upload announced over 200 MB answers 413 before it is read")
  void announcedTooLarge() throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      OutputStream out = s.getOutputStream();
      out.write(head("Content-Length: " + (LIMIT + 1)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAll(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
      assertThat(answer).contains("200 MB");
    }
  }

  @Test
  @DisplayName("an upload streamed past 200 MB without a length answers 413 and computes nothing")
  void streamedTooLarge() throws IOException {
    byte[] rows = rowsOfAbout(1 << 20);
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(head("Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
      chunk(out, HEADER.getBytes(StandardCharsets.US_ASCII));
      long sent = HEADER.length();
      while (sent <= LIMIT) {
        chunk(out, rows);
        sent += rows.length;
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAll(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
    }
    // The server is still there for the next request.
    assertThat(compute("", HEADER + "a,1,1.00,0\n").status()).isEqualTo(200);
  }

  private String head(String length) {
    return "POST /attribution/compute HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: text/csv\r\n"
        + "X-Omniflow-Org-Id: "
        + owner.orgId()
        + "\r\nX-Omniflow-User-Id: "
        + owner.userId()
        + "\r\n"
        + length
        + "\r\n\r\n";
  }

  private static byte[] rowsOfAbout(int size) {
    String row = "facebook_ad > instagram_dm > sms,1,12.50,3\n";
    StringBuilder b = new StringBuilder(size + row.length());
    while (b.length() < size) {
      b.append(row);
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void chunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * One HTTP answer as text: its head, then its body by Content-Length or up to the last chunk, so
   * the test never waits for the server to close.
   */
  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int n;
    while ((n = in.read()) >= 0 && b.size() < 64 * 1024) {
      b.write(n);
      String text = b.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        continue;
      }
      String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher length =
          java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
      if (length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1))) {
        return text;
      }
      if (head.contains("transfer-encoding: chunked") && text.endsWith("\r\n0\r\n\r\n")) {
        return text;
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
