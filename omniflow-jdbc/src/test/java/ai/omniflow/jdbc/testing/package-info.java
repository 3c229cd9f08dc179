/**
 * A real PostgreSQL for tests, shipped in omniflow-jdbc's test-jar: {@link
 * ai.omniflow.jdbc.testing.PostgresTestDatabase} gives each test class a freshly migrated schema
 * and the data sources of its three roles as a {@link ai.omniflow.jdbc.testing.TestDatabase}.
 */
@NullMarked
package ai.omniflow.jdbc.testing;

import org.jspecify.annotations.NullMarked;
