package io.streamvi.model.mixture;

import static io.streamvi.model.mixture.MixtureTestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * With K = 1 every responsibility is 1 and the mixture is the conjugate Normal-Wishart (or
 * Normal-Gamma) model, so SVI has closed-form answers. References are computed here from the
 * textbook formulas (Bishop 2006, eqs. 10.60–10.63; Murphy 2007), not from the model's code.
 *
 * <p>Tolerances: 1e-9 relative. The model accumulates a few hundred products and one Cholesky
 * factorisation of a well-conditioned 3×3 matrix, so rounding is ~1e-13; 1e-9 leaves room while
 * still catching any formula error (which would show at the 1e-2 level or worse).
 */
class SingleComponentConjugacyTest {

    private static final double[] M0 = {0.3, -0.2, 0.1};
    private static final double BETA0 = 0.5;
    private static final double PSI0 = 2.0;
    private static final double NU0 = 5.0;
    private static final int D = 3;

    /** Points from N((1, −2, 0.5), L Lᵀ) with a correlated L: no statistic is near zero. */
    private static List<VectorValue> gaussian(long seed, int n) {
        double[][][] l = {{{1.0, 0, 0}, {0.6, 0.8, 0}, {-0.3, 0.4, 0.5}}};
        return MixtureTestData.mixture(seed, n, new double[] {1.0}, new double[][] {{1.0, -2.0, 0.5}}, l);
    }

    private static GaussianMixtureModel fullModel(EffectiveDataSize n) {
        return new GaussianMixtureModel(MixturePrior.full(1, 1.0, M0, BETA0, PSI0, NU0),
                RobbinsMonroSchedule.of(0, 1.0), n);
    }

    /**
     * κ = 1, τ0 = 0 (ρ_t = 1/t), fixed N: λ_T = η + N · (1/T) Σ_t mean_t(t(x)) exactly, with
     * t(x) = (1 for α; 1, x, x xᵀ, 1 for the block). Minibatch sizes vary, so the average of
     * minibatch means differs from the overall mean and the test tells the two apart.
     * Layout (class Javadoc of GaussianMixtureModel): [α, β, β·m (3), Ψ (3×3), ν].
     */
    @Test
    void sviWithOneOverTStepsReachesTheClosedFormFixedPoint() {
        double bigN = 1000;
        GaussianMixtureModel model = fullModel(new EffectiveDataSize.Fixed(bigN));
        List<VectorValue> xs = gaussian(3, 2000);
        SplittableRandom sizes = new SplittableRandom(17);
        double[] sumMeanX = new double[D];
        double[] sumMeanXX = new double[D * D];
        int batches = 0;
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); ) {
            int size = Math.min(xs.size() - i, 1 + sizes.nextInt(40));
            List<VectorValue> b = xs.subList(i, i + size);
            for (VectorValue v : b) {
                for (int a = 0; a < D; a++) {
                    sumMeanX[a] += v.value(a) / size;
                    for (int c = 0; c < D; c++) {
                        sumMeanXX[a * D + c] += v.value(a) * v.value(c) / size;
                    }
                }
            }
            batches++;
            StepResult r = model.update(s, b, 99);
            assertNull(r.diagnostics().rejectedReason());
            s = r.state();
            i += size;
        }
        assertEquals(batches, s.step());
        assertRelative(1.0 + bigN, s.param(0), 1e-9, "alpha");
        assertRelative(BETA0 + bigN, s.param(1), 1e-9, "beta");
        for (int a = 0; a < D; a++) {
            assertRelative(BETA0 * M0[a] + bigN * sumMeanX[a] / batches, s.param(2 + a), 1e-9, "beta*m[" + a + "]");
            for (int c = 0; c < D; c++) {
                double prior = BETA0 * M0[a] * M0[c] + (a == c ? PSI0 : 0.0);
                assertRelative(prior + bigN * sumMeanXX[a * D + c] / batches, s.param(2 + D + a * D + c), 1e-9,
                        "Psi[" + a + "][" + c + "]");
            }
        }
        assertRelative(NU0 + bigN, s.param(2 + D + D * D), 1e-9, "nu");
    }

    /**
     * One minibatch holding all n points, N = n, ρ_1 = 1: the exact Normal-Wishart posterior
     * (Bishop 2006, eqs. 10.60–10.63): β_n = β0 + n, m_n = (β0 m0 + n x̄)/β_n, ν_n = ν0 + n,
     * W_n^-1 = W0^-1 + n S + (β0 n / (β0 + n)) (x̄ − m0)(x̄ − m0)ᵀ. And its ELBO is the log evidence
     * ln p(X) = −(nd/2) ln π + ln Γ_d(ν_n/2) − ln Γ_d(ν0/2) + (ν0/2) ln|W0^-1| − (ν_n/2) ln|W_n^-1|
     * + (d/2) ln(β0/β_n) (Murphy 2007, normal-inverse-Wishart marginal likelihood).
     */
    @Test
    void oneFullBatchWithUnitStepIsTheExactPosteriorAndItsElboIsTheEvidence() {
        int n = 250;
        List<VectorValue> xs = gaussian(5, n);
        GaussianMixtureModel model = fullModel(new EffectiveDataSize.Fixed(n));
        StepResult r = model.update(model.initialState(), xs, 1);
        assertNull(r.diagnostics().rejectedReason());
        assertEquals(1.0, r.diagnostics().rho(), 0.0);

        double[] mean = new double[D];
        for (VectorValue v : xs) {
            for (int a = 0; a < D; a++) {
                mean[a] += v.value(a) / n;
            }
        }
        double[][] scatter = new double[D][D];
        for (VectorValue v : xs) {
            for (int a = 0; a < D; a++) {
                for (int c = 0; c < D; c++) {
                    scatter[a][c] += (v.value(a) - mean[a]) * (v.value(c) - mean[c]);
                }
            }
        }
        double betaN = BETA0 + n;
        double nuN = NU0 + n;
        double[] mN = new double[D];
        double[][] wInvN = new double[D][D];
        for (int a = 0; a < D; a++) {
            mN[a] = (BETA0 * M0[a] + n * mean[a]) / betaN;
            for (int c = 0; c < D; c++) {
                wInvN[a][c] = (a == c ? PSI0 : 0.0) + scatter[a][c]
                        + BETA0 * n / (BETA0 + n) * (mean[a] - M0[a]) * (mean[c] - M0[c]);
            }
        }
        RealMatrix wInverse = MatrixUtils.createRealMatrix(wInvN);
        LUDecomposition lu = new LUDecomposition(wInverse);
        double[][] wN = lu.getSolver().getInverse().getData();

        Posterior post = model.posterior(r.state());
        assertRelative(betaN, post.scalar("beta[0]"), 1e-9, "beta");
        assertRelative(nuN, post.scalar("nu[0]"), 1e-9, "nu");
        double[] m = parameter(post, "m[0]");
        double[] w = parameter(post, "W[0]");
        double wScale = 0;
        for (double[] row : wN) {
            for (double v : row) {
                wScale = Math.max(wScale, Math.abs(v));
            }
        }
        for (int a = 0; a < D; a++) {
            assertRelative(mN[a], m[a], 1e-9, "m[" + a + "]");
            for (int c = 0; c < D; c++) {
                // relative to the largest entry of W: an off-diagonal entry of an inverse is
                // accurate relative to the matrix's norm, not to itself
                assertEquals(wN[a][c], w[a * D + c], 1e-9 * wScale, "W[" + a + "][" + c + "]");
            }
        }

        double logEvidence = -0.5 * n * D * Math.log(Math.PI)
                + logMultiGamma(nuN / 2, D) - logMultiGamma(NU0 / 2, D)
                + 0.5 * NU0 * D * Math.log(PSI0) - 0.5 * nuN * Math.log(lu.getDeterminant())
                + 0.5 * D * Math.log(BETA0 / betaN);
        assertRelative(logEvidence, r.diagnostics().elbo(), 1e-9, "ELBO vs log evidence");
        assertRelative(logEvidence, model.elbo(r.state(), xs, n), 1e-9, "elbo(state, data, n)");

        for (VectorValue v : xs.subList(0, 10)) {
            assertArrayEquals(new double[] {1.0}, model.responsibilities(r.state(), v.values()), 0.0);
        }
    }

    /**
     * DIAGONAL, K = 1, one full batch, ρ = 1: per dimension the Normal-Gamma posterior
     * β_n = β0 + n, m_n = (β0 m0 + n x̄)/β_n, a_n = a0 + n/2,
     * b_n = b0 + ½ Σ (x − x̄)² + β0 n (x̄ − m0)² / (2 β_n), and the ELBO is the log evidence
     * Σ_j [ln Γ(a_n) − ln Γ(a0) + a0 ln b0 − a_n ln b_nj + ½ ln(β0/β_n) − (n/2) ln 2π].
     */
    @Test
    void diagonalOneFullBatchIsTheExactNormalGammaPosterior() {
        int n = 300;
        double a0 = 2.0;
        double b0 = 0.7;
        List<VectorValue> xs = gaussian(8, n);
        GaussianMixtureModel model = new GaussianMixtureModel(MixturePrior.diagonal(1, 1.0, M0, BETA0, a0, b0),
                RobbinsMonroSchedule.of(0, 1.0), new EffectiveDataSize.Fixed(n));
        StepResult r = model.update(model.initialState(), xs, 1);
        assertNull(r.diagnostics().rejectedReason());
        Posterior post = model.posterior(r.state());
        double betaN = BETA0 + n;
        double aN = a0 + n / 2.0;
        double logEvidence = 0;
        double[] m = parameter(post, "m[0]");
        double[] a = parameter(post, "a[0]");
        double[] b = parameter(post, "b[0]");
        for (int j = 0; j < D; j++) {
            double mean = 0;
            for (VectorValue v : xs) {
                mean += v.value(j) / n;
            }
            double ss = 0;
            for (VectorValue v : xs) {
                ss += (v.value(j) - mean) * (v.value(j) - mean);
            }
            double bN = b0 + 0.5 * ss + BETA0 * n * (mean - M0[j]) * (mean - M0[j]) / (2 * betaN);
            assertRelative((BETA0 * M0[j] + n * mean) / betaN, m[j], 1e-9, "m[" + j + "]");
            assertRelative(aN, a[j], 1e-9, "a[" + j + "]");
            assertRelative(bN, b[j], 1e-9, "b[" + j + "]");
            logEvidence += Gamma.logGamma(aN) - Gamma.logGamma(a0) + a0 * Math.log(b0) - aN * Math.log(bN)
                    + 0.5 * Math.log(BETA0 / betaN) - 0.5 * n * Math.log(2 * Math.PI);
        }
        assertRelative(betaN, post.scalar("beta[0]"), 1e-9, "beta");
        assertRelative(logEvidence, r.diagnostics().elbo(), 1e-9, "ELBO vs log evidence");
    }

    /** KL(prior ‖ prior) = 0 for both component families and the Dirichlet. */
    @Test
    void klOfThePriorFromItselfIsZero() {
        for (MixturePrior prior : List.of(MixturePrior.full(3, 0.7, M0, BETA0, PSI0, NU0),
                MixturePrior.diagonal(3, 0.7, M0, BETA0, 2.0, 0.7))) {
            GaussianMixtureModel model = new GaussianMixtureModel(prior, RobbinsMonroSchedule.of(0, 1.0),
                    new EffectiveDataSize.Seen());
            VariationalMixture q = VariationalMixture.decode(prior.family(), 3, model.initialState().params());
            // KL terms are O(10) sums that cancel exactly in exact arithmetic
            assertEquals(0.0, q.klFromPrior(0.7), 1e-12, prior.covariance().toString());
        }
    }

    /**
     * d = 1: the predictive is a univariate Student-t, St(x | m, L, ν) with L = ν β W/(1 + β) for
     * FULL, and 2a degrees of freedom with precision a β / (b (1 + β)) for DIAGONAL; compared with
     * Hipparchus' TDistribution of the standardised value.
     */
    @Test
    void oneDimensionalPredictiveIsTheStudentT() {
        List<VectorValue> xs = MixtureTestData.mixture(4, 40, new double[] {1.0}, new double[][] {{2.0}},
                new double[][][] {{{0.5}}});
        GaussianMixtureModel full = new GaussianMixtureModel(MixturePrior.full(1, 1.0, new double[] {0.0}, 1.0, 0.3, 2.0),
                RobbinsMonroSchedule.of(0, 1.0), new EffectiveDataSize.Fixed(40));
        VariationalState s = full.update(full.initialState(), xs, 0).state();
        Posterior post = full.posterior(s);
        double nu = post.scalar("nu[0]");
        double beta = post.scalar("beta[0]");
        double l = nu * beta * post.scalar("W[0]") / (1 + beta);
        TDistribution t = new TDistribution(nu);
        for (double x : new double[] {-3, 0, 1.7, 2.0, 2.4, 9}) {
            double expected = t.logDensity((x - post.scalar("m[0]")) * Math.sqrt(l)) + 0.5 * Math.log(l);
            assertRelative(expected, full.logPredictiveDensity(s, new double[] {x}), 1e-12, "FULL at " + x);
        }

        GaussianMixtureModel diag = new GaussianMixtureModel(MixturePrior.diagonal(1, 1.0, new double[] {0.0}, 1.0, 1.5, 0.4),
                RobbinsMonroSchedule.of(0, 1.0), new EffectiveDataSize.Fixed(40));
        s = diag.update(diag.initialState(), xs, 0).state();
        post = diag.posterior(s);
        double a = post.scalar("a[0]");
        beta = post.scalar("beta[0]");
        double precision = a * beta / (post.scalar("b[0]") * (1 + beta));
        t = new TDistribution(2 * a);
        for (double x : new double[] {-3, 0, 1.7, 2.0, 2.4, 9}) {
            double expected = t.logDensity((x - post.scalar("m[0]")) * Math.sqrt(precision)) + 0.5 * Math.log(precision);
            assertRelative(expected, diag.logPredictiveDensity(s, new double[] {x}), 1e-12, "DIAGONAL at " + x);
        }
    }

    static double[] parameter(Posterior post, String name) {
        for (NamedParameter p : post.parameters()) {
            if (p.name().equals(name)) {
                return p.values();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static double logMultiGamma(double a, int d) {
        double s = d * (d - 1) / 4.0 * Math.log(Math.PI);
        for (int j = 0; j < d; j++) {
            s += Gamma.logGamma(a - j / 2.0);
        }
        return s;
    }
}
