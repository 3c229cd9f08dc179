/**
 * Nurture: playbooks of steps that keep a lead warm (send a template, wait, branch on a reply or
 * its intent, create a task for a person, stop), as values a pack ships in its {@code nurture}
 * section ({@link ai.omniflow.nurture.Nurture}), and {@link ai.omniflow.nurture.PlaybookValidator},
 * which refuses a playbook with a cycle, an unknown template or intent, a step never reached, or
 * waits past their bounds, naming the step. Every send a playbook makes passes the guardrails
 * ({@code ai.omniflow.guardrails}). See docs/nurture.md.
 */
@NullMarked
package ai.omniflow.nurture;

import org.jspecify.annotations.NullMarked;
