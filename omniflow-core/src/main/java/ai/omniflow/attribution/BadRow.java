package ai.omniflow.attribution;

/**
 * A CSV row {@link PathCsv} refused: its line number (the header is line 1) and why, in words that
 * never repeat the row.
 *
 * @param line the line number, from 1
 * @param reason why, such as {@code "total_conversions must be a whole number"}
 */
public record BadRow(long line, String reason) {}
