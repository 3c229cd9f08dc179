/**
 * The connector-account use cases behind {@link ai.omniflow.connectors.ConnectorService}, one
 * concern each, and what they share (decision 0033); not API.
 */
@NullMarked
package ai.omniflow.connectors.internal;

import org.jspecify.annotations.NullMarked;
