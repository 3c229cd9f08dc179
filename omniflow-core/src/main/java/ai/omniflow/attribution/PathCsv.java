package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the common interchange CSV of paths into a {@link Attribution.Tally}, in one linear pass:
 *
 * <pre>
 * path,total_conversions,total_conversion_value,total_null
 * facebook_ad &gt; instagram_dm &gt; sms,3,1250.00,17
 * </pre>
 *
 * <p>The header names the four columns (in any order). {@code path} is channel names separated by
 * {@code >} (spaces around it are dropped), 1 to {@link Journey#MAX_TOUCHES} of them, each 1 to
 * {@link Limits#MAX_ID} characters; the counts are whole numbers from 0 to {@link #MAX_COUNT} (a
 * {@code .0} is accepted); the value is a plain decimal, not negative, with at most 2 decimals and
 * {@link #MAX_VALUE_DIGITS} digits before the point, and zero where nothing converted. A field may
 * be quoted ({@code "..."}, {@code ""} for a quote). Identical paths are added together, so memory
 * grows with distinct paths, not rows. Empty lines are skipped.
 *
 * <p>A bad row is recorded (the first {@link #MAX_BAD_ROWS} with their line numbers and reasons,
 * which never repeat the row), and from the first bad row on nothing more is added to the tally:
 * the caller must not compute on it ({@link Outcome#orThrow()}). Stateless and thread-safe.
 *
 * <pre>{@code
 * Attribution.Tally tally = attribution.tally();
 * PathCsv.read(reader, tally).orThrow();
 * List<AttributionResult> results = tally.results();
 * }</pre>
 */
public final class PathCsv {
  /** The most bad rows reported: 20. */
  public static final int MAX_BAD_ROWS = 20;

  /** The largest count on one row: 10^12. */
  public static final long MAX_COUNT = 1_000_000_000_000L;

  /** The most digits before the point of a row's value: 15. */
  public static final int MAX_VALUE_DIGITS = 15;

  /** The longest line read: enough for the longest path and three numbers. */
  public static final int MAX_LINE =
      Journey.MAX_TOUCHES * (Limits.MAX_ID + 3) + 3 * (Limits.MAX_DECIMAL_TEXT + 3) + 16;

  private static final String[] COLUMNS = {
    "path", "total_conversions", "total_conversion_value", "total_null"
  };

  private PathCsv() {}

  /**
   * What a read found.
   *
   * @param rows the data rows read (empty lines aside)
   * @param badRows the first {@link #MAX_BAD_ROWS} bad rows, in line order
   * @param badRowCount how many rows were bad in all
   */
  public record Outcome(long rows, List<BadRow> badRows, long badRowCount) {
    /** Copies the list. */
    public Outcome {
      badRows = List.copyOf(badRows);
    }

    /** Whether every row was good. */
    public boolean ok() {
      return badRowCount == 0;
    }

    /**
     * @return this, if every row was good
     * @throws OmniFlowException {@code invalid_csv} (invalid input) naming the first bad lines and
     *     why, otherwise
     */
    public Outcome orThrow() {
      if (ok()) {
        return this;
      }
      StringBuilder m = new StringBuilder();
      m.append("The CSV has ").append(badRowCount).append(" bad row(s); nothing was computed.");
      for (BadRow b : badRows) {
        m.append(" Line ").append(b.line()).append(": ").append(b.reason()).append('.');
      }
      throw OmniFlowException.invalidInput(AttributionErrors.INVALID_CSV, m.toString());
    }
  }

  /**
   * Reads every row of {@code in} into {@code tally}, until the first bad row.
   *
   * @throws IOException if reading fails
   */
  public static Outcome read(Reader in, Attribution.Tally tally) throws IOException {
    return new Run(tally).read(in);
  }

  /**
   * As {@link #read(Reader, Attribution.Tally)}, over UTF-8 bytes: lines of ASCII (the usual case)
   * skip decoding; others are decoded line by line, malformed bytes becoming U+FFFD.
   *
   * @throws IOException if reading fails
   */
  public static Outcome read(InputStream in, Attribution.Tally tally) throws IOException {
    return new Run(tally).read(in);
  }

  private static final class Run {
    private final Attribution.Tally tally;
    private final char[] line = new char[MAX_LINE];
    private final CsvRow fields = new CsvRow();
    private final int[] column = new int[4];
    private final int[] nameFrom = new int[Journey.MAX_TOUCHES];
    private final int[] nameTo = new int[Journey.MAX_TOUCHES];
    private final int[] ids = new int[Journey.MAX_TOUCHES];
    private final List<BadRow> bad = new ArrayList<>();
    private long badCount;
    private long rows;
    private long lineNo;
    private boolean header = true;

    Run(Attribution.Tally tally) {
      this.tally = tally;
    }

    Outcome read(InputStream in) throws IOException {
      byte[] buf = new byte[1 << 16];
      byte[] raw = new byte[MAX_LINE];
      int len = 0;
      boolean tooLong = false;
      boolean ascii = true;
      int r;
      while ((r = in.read(buf)) >= 0) {
        for (int i = 0; i < r; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (endLine(raw, len, tooLong, ascii)) {
              return outcome();
            }
            len = 0;
            tooLong = false;
            ascii = true;
          } else if (len < MAX_LINE) {
            raw[len] = b;
            line[len++] = (char) b;
            ascii &= b >= 0;
          } else {
            tooLong = true;
          }
        }
      }
      if (len > 0 || tooLong) {
        endLine(raw, len, tooLong, ascii);
      }
      return finish();
    }

    /** Ends a line read as bytes; true if reading must stop (a bad header). */
    private boolean endLine(byte[] raw, int len, boolean tooLong, boolean ascii) {
      lineNo++;
      int n = len;
      boolean longer = tooLong;
      if (!ascii && !longer) {
        String decoded = new String(raw, 0, len, StandardCharsets.UTF_8);
        n = decoded.length();
        decoded.getChars(0, n, line, 0);
      }
      if (longer) {
        reject("the line is longer than " + MAX_LINE + " characters");
      } else {
        line(n);
      }
      return lineNo == 1 && badCount > 0;
    }

    private Outcome finish() {
      if (lineNo == 0) {
        lineNo = 1;
        reject("the header must be " + String.join(",", COLUMNS));
      }
      return outcome();
    }

    Outcome read(Reader in) throws IOException {
      char[] buf = new char[1 << 16];
      int len = 0;
      boolean tooLong = false;
      int r;
      while ((r = in.read(buf)) >= 0) {
        for (int i = 0; i < r; i++) {
          char c = buf[i];
          if (c == '\n') {
            lineNo++;
            if (tooLong) {
              reject("the line is longer than " + MAX_LINE + " characters");
            } else {
              line(len);
            }
            if (lineNo == 1 && badCount > 0) {
              return outcome();
            }
            len = 0;
            tooLong = false;
          } else if (len < MAX_LINE) {
            line[len++] = c;
          } else {
            tooLong = true;
          }
        }
      }
      if (len > 0 || tooLong) {
        lineNo++;
        if (tooLong) {
          reject("the line is longer than " + MAX_LINE + " characters");
        } else {
          line(len);
        }
      }
      if (lineNo == 0) {
        lineNo = 1;
        reject("the header must be " + String.join(",", COLUMNS));
      }
      return outcome();
    }

    private Outcome outcome() {
      return new Outcome(rows, bad, badCount);
    }

    private void reject(String reason) {
      badCount++;
      if (bad.size() < MAX_BAD_ROWS) {
        bad.add(new BadRow(lineNo, reason));
      }
    }

    private void line(int len) {
      if (len > 0 && line[len - 1] == '\r') {
        len--;
      }
      if (header) {
        header(len);
        header = false;
        return;
      }
      if (len == 0) {
        return;
      }
      rows++;
      String why = fields.split(line, len);
      if (why != null) {
        reject(why);
        return;
      }
      why = row();
      if (why != null) {
        reject(why);
      }
    }

    private void header(int len) {
      int from = len > 0 && line[0] == '\uFEFF' ? 1 : 0;
      String h = new String(line, from, len - from);
      String[] names = h.split(",", -1);
      boolean good = names.length == 4;
      boolean[] seen = new boolean[4];
      for (int i = 0; good && i < 4; i++) {
        String name = names[i].strip();
        if (name.length() > 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        int idx = List.of(COLUMNS).indexOf(name);
        if (idx < 0 || seen[idx]) {
          good = false;
        } else {
          seen[idx] = true;
          column[idx] = i;
        }
      }
      if (!good) {
        reject("the header must be " + String.join(",", COLUMNS));
      }
    }

    /** Checks and adds the split row; returns why not, or null. */
    private String row() {
      int pc = column[0];
      long conv = fields.count(column[1]);
      if (conv < 0) {
        return "total_conversions must be a whole number from 0 to " + MAX_COUNT;
      }
      long nulls = fields.count(column[3]);
      if (nulls < 0) {
        return "total_null must be a whole number from 0 to " + MAX_COUNT;
      }
      long cents = fields.cents(column[2]);
      if (cents == -1) {
        return "total_conversion_value must be a plain decimal, not negative, with at most 2"
            + " decimals and "
            + MAX_VALUE_DIGITS
            + " digits before the point";
      }
      if (conv == 0 && cents != 0) {
        return "total_conversion_value must be 0 when total_conversions is 0";
      }
      char[] b = fields.buf[pc];
      int end = fields.to[pc];
      int n = 0;
      int i = fields.from[pc];
      while (true) {
        int start = i;
        while (i < end && b[i] != '>') {
          i++;
        }
        int s = start;
        int e = i;
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
          s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
          e--;
        }
        if (s == e) {
          return "path must be channel names separated by \">\", none empty";
        }
        if (e - s > Limits.MAX_ID) {
          return "a channel name must be at most " + Limits.MAX_ID + " characters";
        }
        for (int k = s; k < e; k++) {
          if (b[k] == '\0') {
            return "a channel name must not contain the NUL character (U+0000)";
          }
        }
        if (n == Journey.MAX_TOUCHES) {
          return "path must have at most " + Journey.MAX_TOUCHES + " touches";
        }
        nameFrom[n] = s;
        nameTo[n] = e;
        n++;
        if (i >= end) {
          break;
        }
        i++;
      }
      if (badCount > 0) {
        return null;
      }
      for (int k = 0; k < n; k++) {
        int id = tally.keys.id(b, nameFrom[k], nameTo[k]);
        if (id < 0) {
          return "the file has more than " + Attribution.MAX_KEYS + " distinct channels";
        }
        ids[k] = id;
      }
      try {
        tally.addCounts(ids, n, -1, -1, false, conv, cents, nulls);
      } catch (OmniFlowException e) {
        return "the file has more than "
            + Attribution.MAX_PATHS
            + " distinct paths, or totals beyond a long of cents";
      }
      return null;
    }
  }
}
