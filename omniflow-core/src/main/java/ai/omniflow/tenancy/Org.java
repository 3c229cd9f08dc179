package ai.omniflow.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant: one business using OmniFlow.
 *
 * @param id the org's id
 * @param name its display name, 1 to 200 characters
 * @param packSlug the selected vertical pack, or {@code null} before one is chosen
 * @param packVersion the version of that pack when it was selected, or {@code null}
 * @param createdAt when the org was created
 */
public record Org(
    UUID id,
    String name,
    @Nullable String packSlug,
    @Nullable String packVersion,
    Instant createdAt) {
  public Org {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    name = Names.require("name", name, 200);
  }

  public Org withPack(String slug, String version) {
    return new Org(id, name, slug, version, createdAt);
  }
}
