/**
 * The connector compatibility kit: {@link ai.omniflow.connector.tck.ConnectorCompatibilityKit}, the
 * abstract JUnit 5 test that every connector's test extends, and {@link
 * ai.omniflow.connector.tck.TokenGrant}, what a scripted token endpoint grants.
 *
 * <pre>{@code
 * class MyConnectorTest extends ConnectorCompatibilityKit { ...hooks... }
 * }</pre>
 *
 * <p>The kit's tests come in {@code @Nested} groups declared in the kit, one per concern; each
 * group's tests are written in a package-private suite class here ({@code OAuthSuite}, {@code
 * WebhookVerificationSuite}, {@code SecrecySuite}, …, on a shared {@code KitSuite}). Those are not
 * API: the kit's hooks and helpers are.
 *
 * <p>Depend on {@code ai.omniflow:omniflow-connector-tck} in test scope. The kit brings JUnit
 * Jupiter, AssertJ and OkHttp's {@code mockwebserver3}. See docs/connectors.md.
 */
@NullMarked
package ai.omniflow.connector.tck;

import org.jspecify.annotations.NullMarked;
