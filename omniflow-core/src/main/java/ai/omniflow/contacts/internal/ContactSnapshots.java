package ai.omniflow.contacts.internal;

import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * JSON-shaped views of contacts for events and audit entries. Identities appear by id and kind
 * only, never by handle or value: the logs are append-only and cannot be scrubbed of a phone number
 * or an address later, while the identity rows can.
 */
public final class ContactSnapshots {
  private ContactSnapshots() {}

  public static Map<String, @Nullable Object> contact(Contact c, List<Identity> identities) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", c.id().toString());
    m.put("display_name", c.displayName());
    m.put("merged_into_id", c.mergedIntoId() == null ? null : c.mergedIntoId().toString());
    m.put("language", c.language());
    m.put("language_set_by_agent", c.languageSetByAgent());
    List<@Nullable Object> ids = new ArrayList<>();
    for (Identity i : identities) {
      Map<String, @Nullable Object> s = new LinkedHashMap<>();
      s.put("id", i.id().toString());
      s.put("kind", i.kind().wireName());
      ids.add(s);
    }
    m.put("identities", ids);
    return m;
  }

  public static List<@Nullable Object> ids(List<UUID> ids) {
    List<@Nullable Object> out = new ArrayList<>();
    for (UUID id : ids) {
      out.add(id.toString());
    }
    return out;
  }
}
