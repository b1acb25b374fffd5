package io.streamvi.model.glm;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.RegressionData;
import java.util.Arrays;
import java.util.List;

/**
 * The exact log posterior of a GLM's coefficients given a data set, the target the variational
 * GLMs ({@link NaturalGradientGlm}, {@link ReparameterisedGlm}) approximate:
 * <pre>
 *   ln p(w, y) = ln N(w; 0, diag(s²)) + Σ_i ln p(y_i | η_i),   η_i = z_iᵀw
 *   ∇ ln p(w, y) = −diag(s⁻²) w + Σ_i (∂ ln p(y_i | η)/∂η)(η_i) z_i
 * </pre>
 * with the prior of {@link GlmSpec} (weights sd s, the intercept its own sd) and the likelihood's
 * own ln p(y | η) and derivative ({@link GlmLikelihood#logLikelihoodAndDerivative}, equal to
 * {@link GlmLikelihood#logLikelihood} and {@link GlmLikelihood#derivative}): the functions the
 * variational updates use, so that NUTS on this density samples the very model VI fits. Coordinates are named as in snapshots ({@code intercept}, {@code w[j]}).
 * Stateless after construction, so safe for parallel chains.
 */
public final class GlmLogPosterior implements LogDensity {

    private final GlmSpec spec;
    private final GlmLikelihood likelihood;
    private final RegressionData data;
    private final int p;

    /**
     * @param weightSd the prior sd of every feature weight
     * @param interceptSd the prior sd of the intercept (when the design has one)
     * @param data the regression events; each must fit the model (as {@link GlmSpec} validates)
     */
    public GlmLogPosterior(GlmLikelihood likelihood, Design design, double weightSd, double interceptSd,
            List<? extends Observation> data) {
        this(likelihood, design, new GlmSpec(likelihood, design, weightSd, interceptSd, new double[0][]), data);
    }

    /** The log posterior of a configured GLM (its likelihood, design and priors). */
    GlmLogPosterior(GlmLikelihood likelihood, Design design, GlmSpec spec, List<? extends Observation> data) {
        this.spec = spec;
        this.likelihood = likelihood;
        this.data = RegressionData.of(design, data, spec::validate);
        this.p = design.size();
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public String parameterName(int i) {
        return spec.design.name(i);
    }

    @Override
    public double logDensity(double[] w) {
        return logDensityAndGradient(w, new double[p]);
    }

    @Override
    public double logDensityAndGradient(double[] w, double[] grad) {
        Arrays.fill(grad, 0);
        double lp = spec.logPrior(w, grad);
        double[] derivative = new double[1];
        for (int i = 0; i < data.size(); i++) {
            lp += likelihood.logLikelihoodAndDerivative(data.y(i), data.eta(i, w), data.exposure(i), derivative);
            data.addRow(i, derivative[0], grad);
        }
        return lp;
    }
}
