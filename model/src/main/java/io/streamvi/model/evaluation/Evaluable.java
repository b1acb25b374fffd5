package io.streamvi.model.evaluation;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.VariationalState;
import java.util.List;

/**
 * A model whose variational q can be compared with MCMC on the exact posterior: the exact log
 * posterior of the parameters q describes, and q itself in the same coordinates.
 */
public interface Evaluable {

    /** Why this configuration cannot be evaluated (e.g. no Gaussian q in the posterior's coordinates), or null. */
    default String evaluationUnsupported() {
        return null;
    }

    /** The exact log posterior (up to a constant) given all of {@code data}. */
    LogDensity logPosterior(List<? extends Observation> data);

    /** The fitted q of {@code state}, in the coordinates of {@link #logPosterior}. */
    GaussianApproximation approximation(VariationalState state);

    /** ln p(y | θ) of one observation at parameters θ (coordinates of {@link #logPosterior}). */
    double logLikelihood(Observation y, double[] theta);

    /** The same for a family of a conjugate or mean-field model, from its parameter vector. */
    interface Family {

        default String evaluationUnsupported() {
            return null;
        }

        LogDensity logPosterior(List<? extends Observation> data);

        GaussianApproximation approximation(double[] params);

        double logLikelihood(Observation y, double[] theta);
    }
}
