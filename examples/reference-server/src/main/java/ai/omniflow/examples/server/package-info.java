/**
 * The OmniFlow reference server: a Spring Boot host with a REST API over OmniFlow, an embedded
 * PostgreSQL by default, dev-header or API-key authentication, and RFC 9457 problem responses.
 */
@NullMarked
package ai.omniflow.examples.server;

import org.jspecify.annotations.NullMarked;
