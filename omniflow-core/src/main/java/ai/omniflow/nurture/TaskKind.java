package ai.omniflow.nurture;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a task a playbook creates asks a person to do.
 *
 * <pre>{@code
 * TaskKind kind = TaskKind.fromId("showing"); // null for an id that is not one
 * }</pre>
 */
public enum TaskKind {
  /** Call the contact. */
  CALL,
  /** Write to the contact by email. */
  EMAIL,
  /** Show a property (real estate). */
  SHOWING,
  /** Visit the contact's home or site (an estimate, an inspection). */
  VISIT,
  /** Any other follow-up. */
  FOLLOW_UP;

  /** The lower-case id, e.g. {@code follow_up}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this id, or {@code null} if none has it. */
  public static @Nullable TaskKind fromId(String id) {
    for (TaskKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    return null;
  }
}
