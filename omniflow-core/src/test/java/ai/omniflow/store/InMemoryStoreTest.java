package ai.omniflow.store;

import ai.omniflow.store.spi.Store;

class InMemoryStoreTest extends StoreCompatibilityKit {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Store store() {
    return store;
  }
}
