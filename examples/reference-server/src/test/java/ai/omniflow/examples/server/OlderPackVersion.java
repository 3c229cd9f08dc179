package ai.omniflow.examples.server;

import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays an org that accepted an older version of its pack than the catalog's, as after a host
 * upgrade (decision 0080): the pack text the org keeps is put back numbered {@value #VERSION}, with
 * the {@code qualified} stage labelled {@value #LABEL} and, if asked, a stage {@value #EXTRA_STAGE}
 * that the catalog's version lacks. Written through the store's own repositories, as the pack
 * service keeps them.
 */
final class OlderPackVersion {
  static final String VERSION = "0.9.0";
  static final String LABEL = "Qualified lead";
  static final String EXTRA_STAGE = "old_stage";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OlderPackVersion() {}

  /** The org of {@code owner}, on its selected pack, is put on the older version. */
  static void accept(Store store, Actor owner, Instant now, boolean extraStage) {
    store.inTransaction(
        owner,
        tx -> {
          AcceptedPack kept = tx.acceptedPacks().find().orElseThrow();
          ObjectNode tree = (ObjectNode) JSON.readTree(kept.text());
          tree.put("version", VERSION);
          ObjectNode copy = null;
          for (JsonNode stage : tree.path("stages")) {
            if (stage.path("key").asString().equals("qualified")) {
              ((ObjectNode) stage).put("label", LABEL);
              copy = ((ObjectNode) stage).deepCopy();
            }
          }
          if (extraStage && copy != null) {
            copy.put("key", EXTRA_STAGE).put("label", "Old stage");
            ((ArrayNode) tree.path("stages")).add(copy);
          }
          tx.acceptedPacks()
              .save(
                  new AcceptedPack(
                      owner.orgId(), kept.slug(), VERSION, JSON.writeValueAsString(tree), now));
          Org org = tx.orgs().current().orElseThrow();
          tx.orgs().update(org.withPack(kept.slug(), VERSION));
          return null;
        });
  }
}
