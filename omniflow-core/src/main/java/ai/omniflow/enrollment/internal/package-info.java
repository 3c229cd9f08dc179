/** The enrollment use cases behind {@link ai.omniflow.enrollment.EnrollmentService}. Not API. */
@NullMarked
package ai.omniflow.enrollment.internal;

import org.jspecify.annotations.NullMarked;
