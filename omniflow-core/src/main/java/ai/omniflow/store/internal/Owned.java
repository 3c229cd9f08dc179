package ai.omniflow.store.internal;

import java.util.UUID;

/** A row whose value does not name its org itself, with the org it belongs to. */
record Owned<T>(UUID org, T value) {}
