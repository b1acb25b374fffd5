package io.streamvi.model.bbvi;

/**
 * A Gaussian variational family q_φ(w) = N(w; μ, Σ) over w ∈ R^p, held as one flat parameter
 * vector φ, with the reparameterisation w = μ + Sε, ε ~ N(0, I_p), where S is the scale
 * (diag(σ) or the Cholesky factor L, Σ = SSᵀ). The diagonal of S is stored on the log scale
 * (off-diagonal entries of L as they are), so that every finite φ ∈ R^n whose log-diagonal stays
 * within the range of exp is a valid distribution and gradient steps need no projection.
 *
 * <p>The ELBO is E_q[f(w)] + H[q] with f(w) = ln p(x, w). Its gradient is estimated as
 * (1/S) Σ_s ∇_φ f(w(φ, ε_s)) ({@link #addReparameterisedGradient}) plus the exact ∇_φ H
 * ({@link #addEntropyGradient}): the closed-form entropy removes the Monte Carlo noise of the
 * −E_q[ln q] term (Titsias &amp; Lázaro-Gredilla 2014; Kucukelbir et al. 2017).
 *
 * <p>Methods taking arrays check their lengths and throw
 * {@link io.streamvi.model.InvalidParameterException} naming the array; they do not check
 * finiteness (see {@link #checkDomain}). {@code sample} and the gradient methods do not allocate.
 */
public interface GaussianFamily {

    /** p, the dimension of w. */
    int dimension();

    /** n, the length of φ. */
    int parameterCount();

    /** A readable name of φ[i], e.g. {@code mu[2]} or {@code L[3][1]}, for diagnostics. */
    String parameterName(int i);

    /** The parameters of N(mean, diag(sd²)); every sd must be finite and &gt; 0. */
    double[] initial(double[] mean, double[] sd);

    /**
     * w = μ + Sε written into {@code wOut} (p entries), for {@code eps} of p entries;
     * {@code wOut} may be the same array as {@code eps}.
     */
    void sample(double[] phi, double[] eps, double[] wOut);

    /** H[q] = ½ ln det(2πe Σ) = ½ p (1 + ln 2π) + Σ_j ln S_jj. */
    double entropy(double[] phi);

    /** Adds ∇_φ H[q] into {@code gradOut} (n entries): 1 on every log-scale entry, 0 elsewhere. */
    void addEntropyGradient(double[] phi, double[] gradOut);

    /**
     * Adds ∇_φ f(w(φ, ε)) into {@code gradOut}, given g = ∇_w f(w) at w = {@link #sample}(φ, ε):
     * the chain rule through w = μ + Sε, i.e. g for μ and g_j ε_k ∂S_jk/∂φ for the scale.
     */
    void addReparameterisedGradient(double[] phi, double[] eps, double[] gradW, double[] gradOut);

    /** μ (a new array). */
    double[] mean(double[] phi);

    /** Σ = SSᵀ, row-major p×p (a new array). */
    double[] covariance(double[] phi);

    /** The marginal standard deviation of w_j, √Σ_jj. */
    double sd(double[] phi, int j);

    /**
     * Why φ is not a usable parameter vector, or null: every entry must be finite and every
     * log-scale entry must stay finite and positive after exp (ln σ ≤ ln Double.MAX_VALUE ≈ 709.78).
     * The reason names the offending entry. Σ = SSᵀ itself may still overflow for scales above
     * about 1e154; callers who need Σ should check it.
     */
    String checkDomain(double[] phi);
}
