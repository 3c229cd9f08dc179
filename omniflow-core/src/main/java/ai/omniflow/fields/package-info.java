/**
 * The vocabulary that packs, scoring and routing share: the fields a lead has ({@link
 * ai.omniflow.fields.LeadField}, {@link ai.omniflow.fields.FieldType}), the conditions rules test
 * them with ({@link ai.omniflow.fields.Condition}, {@link ai.omniflow.fields.Operator}) and the
 * {@link ai.omniflow.fields.Problem}s a check reports. A leaf: it depends on no other OmniFlow
 * package, so every area may use it without a cycle.
 */
@NullMarked
package ai.omniflow.fields;

import org.jspecify.annotations.NullMarked;
