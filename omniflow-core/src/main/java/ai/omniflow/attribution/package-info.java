/**
 * Revenue attribution as a pure engine: {@link ai.omniflow.attribution.Attribution} takes a stream
 * of {@link ai.omniflow.attribution.Journey journeys} (or rows of the common path CSV, read by
 * {@link ai.omniflow.attribution.PathCsv}) and returns, for each {@link
 * ai.omniflow.attribution.AttributionModel}, the conversions and revenue credited to each channel
 * or campaign. Credits sum exactly to the totals (docs/attribution.md, decision 0036).
 *
 * <p>Depends on nothing of OmniFlow but {@link ai.omniflow.Limits} and {@link
 * ai.omniflow.OmniFlowException}.
 */
@NullMarked
package ai.omniflow.attribution;

import org.jspecify.annotations.NullMarked;
