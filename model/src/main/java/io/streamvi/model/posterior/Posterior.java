package io.streamvi.model.posterior;

import java.util.List;

/**
 * A variational distribution as subscribers see it.
 *
 * @param family the distribution family, e.g. {@code Beta}
 * @param parameters its exact parameters in the family's usual parameterisation
 * @param summaries per-parameter marginal summaries
 */
public record Posterior(String family, List<NamedParameter> parameters, List<ParameterSummary> summaries) {
    public Posterior {
        parameters = List.copyOf(parameters);
        summaries = List.copyOf(summaries);
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
