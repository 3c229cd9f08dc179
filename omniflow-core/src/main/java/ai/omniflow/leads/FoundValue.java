package ai.omniflow.leads;

/**
 * A value a reader found in a text, and where: {@code text.substring(start, end)} is the snippet.
 *
 * @param cued whether words around it say it is this field (e.g. "budget" before an amount); used
 *     to choose between several values in one text
 */
record FoundValue(Object value, int start, int end, boolean cued) {
  FoundValue(Object value, int start, int end) {
    this(value, start, end, false);
  }
}
