package ai.omniflow;

/**
 * Which slice of a list to return: at most {@code limit} items (1 to {@value #MAX_LIMIT}) after
 * skipping {@code offset}.
 *
 * <pre>{@code
 * Page<DomainEvent> page = omniFlow.events().list(actor, PageRequest.of(20, 0));
 * }</pre>
 *
 * @param limit how many items at most, 1 to 200
 * @param offset how many to skip, 0 or more
 */
public record PageRequest(int limit, int offset) {
  /** The largest limit a caller may ask for. */
  public static final int MAX_LIMIT = 200;

  /** The limit used when a caller names none. */
  public static final int DEFAULT_LIMIT = 20;

  /**
   * @throws OmniFlowException {@code invalid_paging} (a bad request) if limit is outside 1..200 or
   *     offset is negative
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw OmniFlowException.badRequest(
          CommonErrors.INVALID_PAGING,
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit + ".");
    }
    if (offset < 0) {
      throw OmniFlowException.badRequest(
          CommonErrors.INVALID_PAGING, "offset must be 0 or more, was " + offset + ".");
    }
  }

  public static PageRequest of(int limit, int offset) {
    return new PageRequest(limit, offset);
  }

  /** The first {@value #DEFAULT_LIMIT} items. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, 0);
  }
}
