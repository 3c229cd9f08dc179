package ai.omniflow.store.tck;

import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory store passes the Store compatibility kit")
class InMemoryStoreCompatibilityTest extends StoreCompatibilityKit {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Store store() {
    return store;
  }
}
