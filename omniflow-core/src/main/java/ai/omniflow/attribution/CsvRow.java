package ai.omniflow.attribution;

import ai.omniflow.Limits;
import org.jspecify.annotations.Nullable;

/**
 * The four fields of one row of a {@link PathCsv}: split from the line at commas, quoted ones
 * unquoted into buffers of their own, and read as the whole counts and the value in cents the
 * format allows. Each field is {@code buf[f]} from {@code from[f]} to {@code to[f]}; the buffers
 * are reused from row to row. Not thread-safe: one per read.
 */
final class CsvRow {
  private final char[][] unquoted = new char[4][PathCsv.MAX_LINE];
  final char[][] buf = new char[4][];
  final int[] from = new int[4];
  final int[] to = new int[4];

  /** Splits the line into four fields, unquoting quoted ones; returns why not, or null. */
  @Nullable String split(char[] line, int len) {
    int f = 0;
    int i = 0;
    while (true) {
      if (f == 4) {
        return "a row must have 4 columns";
      }
      if (i < len && line[i] == '"') {
        char[] out = unquoted[f];
        int o = 0;
        i++;
        while (true) {
          if (i >= len) {
            return "a quoted field is not closed";
          }
          char c = line[i++];
          if (c == '"') {
            if (i < len && line[i] == '"') {
              out[o++] = '"';
              i++;
            } else {
              break;
            }
          } else {
            out[o++] = c;
          }
        }
        buf[f] = out;
        from[f] = 0;
        to[f] = o;
        if (i < len && line[i] != ',') {
          return "a quoted field must end at a comma";
        }
      } else {
        int start = i;
        while (i < len && line[i] != ',') {
          if (line[i] == '"') {
            return "a quote may only open a field";
          }
          i++;
        }
        buf[f] = line;
        from[f] = start;
        to[f] = i;
      }
      f++;
      if (i >= len) {
        break;
      }
      i++;
    }
    return f == 4 ? null : "a row must have 4 columns";
  }

  /** A whole count from the field, or -1. */
  long count(int f) {
    char[] b = buf[f];
    int s = from[f];
    int e = to[f];
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    int dot = e;
    for (int i = s; i < e; i++) {
      if (b[i] == '.') {
        dot = i;
        break;
      }
    }
    for (int i = dot + 1; i < e; i++) {
      if (b[i] != '0') {
        return -1;
      }
    }
    if (dot == s || dot - s > 13) {
      return -1;
    }
    long v = 0;
    for (int i = s; i < dot; i++) {
      char c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > PathCsv.MAX_COUNT ? -1 : v;
  }

  /** The value in cents from the field, or -1. */
  long cents(int f) {
    char[] b = buf[f];
    int s = from[f];
    int e = to[f];
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    if (s == e || e - s > Limits.MAX_DECIMAL_TEXT) {
      return -1;
    }
    long whole = 0;
    int i = s;
    int digits = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      whole = whole * 10 + (b[i] - '0');
      digits++;
      if (digits > PathCsv.MAX_VALUE_DIGITS) {
        return -1;
      }
      i++;
    }
    long fraction = 0;
    int decimals = 0;
    if (i < e && b[i] == '.') {
      i++;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        if (decimals < 2) {
          fraction = fraction * 10 + (b[i] - '0');
        } else if (b[i] != '0') {
          return -1;
        }
        decimals++;
        i++;
      }
      if (decimals == 0 && digits == 0) {
        return -1;
      }
    } else if (digits == 0) {
      return -1;
    }
    if (i != e) {
      return -1;
    }
    if (decimals == 1) {
      fraction *= 10;
    } else if (decimals == 0) {
      fraction = 0;
    }
    return whole * 100 + fraction;
  }
}
