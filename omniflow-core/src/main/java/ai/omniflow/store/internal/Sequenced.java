package ai.omniflow.store.internal;

import java.time.Instant;

/** A row with its insert number and instant, for lists ordered by time with ties broken. */
record Sequenced<T>(long seq, Instant at, T value) {}
