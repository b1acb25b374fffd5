package io.streamvi.model.posterior;

import java.util.List;

/**
 * A variational distribution as subscribers see it.
 *
 * @param family the distribution family, e.g. {@code Beta}
 * @param parameters its exact parameters in the family's usual parameterisation
 * @param summaries per-parameter marginal summaries
 * @param predictive posterior predictive summaries (mean, sd, central 95% interval) of a new
 *     observation, named by what they predict (e.g. {@code y} or {@code y@x[0]}); empty where a
 *     model has none
 */
public record Posterior(String family, List<NamedParameter> parameters, List<ParameterSummary> summaries,
        List<ParameterSummary> predictive) {
    public Posterior {
        parameters = List.copyOf(parameters);
        summaries = List.copyOf(summaries);
        predictive = List.copyOf(predictive);
    }

    /** A posterior without predictive summaries. */
    public Posterior(String family, List<NamedParameter> parameters, List<ParameterSummary> summaries) {
        this(family, parameters, summaries, List.of());
    }

    /** The first value of the parameter called {@code name}. */
    public double scalar(String name) {
        for (NamedParameter p : parameters) {
            if (p.name().equals(name)) {
                return p.values()[0];
            }
        }
        throw new IllegalArgumentException("no parameter " + name + " in " + family);
    }
}
