/**
 * Spring Boot auto-configuration for OmniFlow: add the starter, and an {@link ai.omniflow.OmniFlow}
 * bean appears, backed by PostgreSQL when omniflow-jdbc and a DataSource are present. Settings are
 * {@link ai.omniflow.spring.boot.OmniFlowProperties omniflow.*}.
 */
@NullMarked
package ai.omniflow.spring.boot;

import org.jspecify.annotations.NullMarked;
