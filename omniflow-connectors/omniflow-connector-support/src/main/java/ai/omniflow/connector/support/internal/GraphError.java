package ai.omniflow.connector.support.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A Graph API error payload's numeric {@code error.code} and {@code error.error_subcode}, or -1
 * where absent. The platform's {@code message} and {@code error_user_msg} are never read: they may
 * echo input.
 *
 * @param code the Graph error code, or -1
 * @param subcode the Graph error subcode, or -1
 */
public record GraphError(int code, int subcode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No Graph error: the answer was not one, or not JSON. */
  public static final GraphError NONE = new GraphError(-1, -1);

  /** The error in {@code answer}'s body; {@link #NONE} when it holds none. */
  public static GraphError of(JsonHttp.Answer answer) {
    try {
      JsonNode error = JSON.readTree(answer.body()).path("error");
      return new GraphError(number(error.path("code")), number(error.path("error_subcode")));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  private static int number(JsonNode node) {
    return node.canConvertToInt() ? node.asInt(-1) : -1;
  }

  /** The code, or null when absent: what a connector exception carries. */
  public @Nullable Integer codeOrNull() {
    return code < 0 ? null : code;
  }

  /** {@code ", graph error 100/33"}, or empty when there is no code: for messages. */
  public String describe() {
    if (code < 0) {
      return "";
    }
    return ", graph error " + code + (subcode < 0 ? "" : "/" + subcode);
  }
}
