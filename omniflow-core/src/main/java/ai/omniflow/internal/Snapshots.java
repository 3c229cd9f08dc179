package ai.omniflow.internal;

import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON-shaped views of entities for events and audit entries. Never holds a secret. */
public final class Snapshots {
  private Snapshots() {}

  public static Map<String, @Nullable Object> org(Org org) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", org.id().toString());
    m.put("name", org.name());
    m.put("pack_slug", org.packSlug());
    m.put("pack_version", org.packVersion());
    m.put("default_region", org.defaultRegion());
    m.put("time_zone", org.timeZone() == null ? null : org.timeZone().getId());
    m.put("lead_forms_become_leads", org.leadFormsBecomeLeads());
    m.put("help_text", org.helpText());
    return m;
  }

  public static Map<String, @Nullable Object> membership(Membership m) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("org_id", m.orgId().toString());
    s.put("user_id", m.userId().toString());
    s.put("role", m.role().wireName());
    return s;
  }

  /** The key without its hash: the audit log names keys, it does not help guess them. */
  public static Map<String, @Nullable Object> apiKey(ApiKey k) {
    Map<String, @Nullable Object> s = new LinkedHashMap<>();
    s.put("id", k.id().toString());
    s.put("user_id", k.userId().toString());
    s.put("issued_by_user_id", k.issuedByUserId() == null ? null : k.issuedByUserId().toString());
    s.put("name", k.name());
    s.put("prefix", k.prefix());
    s.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
    return s;
  }
}
