/**
 * Tasks for people: a call, an email, a showing, a visit or a follow-up that a nurture step (or a
 * host) asks a lead's owner to do by a due time. {@link ai.omniflow.tasks.TaskService} lists,
 * completes and snoozes them; an open task past its due time emits {@code task.overdue} once per
 * due time. See docs/nurture.md and decision 0066.
 */
@NullMarked
package ai.omniflow.tasks;

import org.jspecify.annotations.NullMarked;
