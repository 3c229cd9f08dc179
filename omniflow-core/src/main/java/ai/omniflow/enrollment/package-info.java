/**
 * Enrollments: leads going through nurture playbooks ({@code ai.omniflow.nurture}). {@link
 * ai.omniflow.enrollment.EnrollmentStepper} is the pure step the scheduler runs: it moves an
 * enrollment on, checks every send with the guardrails ({@code ai.omniflow.guardrails}) and says
 * what to do ({@link ai.omniflow.enrollment.Advance}). A package apart from {@code nurture} because
 * packs carry playbooks and the guardrails read packs. See docs/nurture.md.
 */
@NullMarked
package ai.omniflow.enrollment;

import org.jspecify.annotations.NullMarked;
