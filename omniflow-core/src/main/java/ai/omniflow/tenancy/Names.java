package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;

final class Names {
  private Names() {}

  static String require(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw OmniFlowException.invalidInput("invalid_" + field, field + " must not be blank.");
    }
    String trimmed = value.strip();
    if (trimmed.length() > maxLength) {
      throw OmniFlowException.invalidInput(
          "invalid_" + field, field + " must be at most " + maxLength + " characters.");
    }
    return trimmed;
  }
}
