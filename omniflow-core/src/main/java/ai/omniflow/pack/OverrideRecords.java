package ai.omniflow.pack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The event payload and audit snapshots of an org's pack override. Stateless. */
final class OverrideRecords {
  private OverrideRecords() {}

  static Map<String, @Nullable Object> payload(VerticalPack base, PackOverride o) {
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("pack_slug", base.slug());
    payload.put("pack_version", base.version());
    payload.put("revision", o.revision().toString());
    payload.put("patch_chars", o.patch().length());
    return payload;
  }

  static Map<String, @Nullable Object> snapshot(PackOverride o) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("base_slug", o.baseSlug());
    m.put("revision", o.revision().toString());
    m.put("patch_chars", o.patch().length());
    m.put("updated_at", o.updatedAt().toString());
    return m;
  }
}
