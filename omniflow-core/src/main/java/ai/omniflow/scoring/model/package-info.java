/**
 * A learned lead-scoring model per org: logistic regression on the org's closed leads (won vs
 * lost), written by hand with no ML dependency. {@link ai.omniflow.scoring.model.LeadModelTrainer}
 * fits a {@link ai.omniflow.scoring.model.LeadModel} from {@link
 * ai.omniflow.scoring.model.ClosedLead}s, checks it on a held-out split and returns a {@link
 * ai.omniflow.scoring.model.TrainingReport} that refuses the model when there are too few outcomes
 * or it predicts too poorly. A model's {@link ai.omniflow.scoring.model.Prediction} lists each
 * feature's contribution to the log-odds. Pure: no store, no clock. See docs/scoring.md.
 */
@NullMarked
package ai.omniflow.scoring.model;

import org.jspecify.annotations.NullMarked;
