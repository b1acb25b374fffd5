package io.streamvi.model.lda;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Seeds;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * A plain dense V×K online LDA (Hoffman et al. 2010, Algorithm 2) with no lazy scaling, the
 * reference the row-wise {@link OnlineLda} is checked against. Same initial draws, same γ
 * initialisation, same stopping rule; every λ entry is rewritten at every step.
 */
final class DenseOnlineLda {

    final double[][] lambda;
    private final int k;
    private final int v;
    private final double alpha;
    private final double eta;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final int maxIterations;
    private final double tolerance;
    private long step;
    private long seen;
    private double corpusSize;

    DenseOnlineLda(int k, int v, double alpha, double eta, StepSchedule schedule, EffectiveDataSize dataSize,
            int maxIterations, double tolerance, long rowSeed) {
        this.k = k;
        this.v = v;
        this.alpha = alpha;
        this.eta = eta;
        this.schedule = schedule;
        this.dataSize = dataSize;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        lambda = new double[v][];
        for (int w = 0; w < v; w++) {
            lambda[w] = GammaDraws.draw(Seeds.forStep(rowSeed, w), k);
        }
    }

    void update(List<Document> batch, long seed) {
        step++;
        double rho = schedule.rho(step);
        int s = batch.size();
        corpusSize = dataSize.next(corpusSize, seen, s);
        seen += s;
        long stepSeed = Seeds.forStep(seed, step);

        double[][] elogBeta = new double[v][k];
        for (int j = 0; j < k; j++) {
            double total = 0;
            for (int w = 0; w < v; w++) {
                total += lambda[w][j];
            }
            double psiTotal = Digamma.of(total);
            for (int w = 0; w < v; w++) {
                elogBeta[w][j] = Digamma.of(lambda[w][j]) - psiTotal;
            }
        }

        double[][] sstats = new double[v][k];
        for (int i = 0; i < s; i++) {
            int[] ids = batch.get(i).wordIds();
            int[] cts = batch.get(i).counts();
            double[] gamma = GammaDraws.draw(Seeds.forStep(stepSeed, i), k);
            double[][] phi = new double[ids.length][k];
            for (int it = 0; it < maxIterations; it++) {
                estimatePhi(gamma, ids, elogBeta, phi);
                double change = 0;
                for (int j = 0; j < k; j++) {
                    double next = alpha;
                    for (int n = 0; n < ids.length; n++) {
                        next += cts[n] * phi[n][j];
                    }
                    change += Math.abs(next - gamma[j]);
                    gamma[j] = next;
                }
                if (change / k < tolerance) {
                    break;
                }
            }
            estimatePhi(gamma, ids, elogBeta, phi);
            for (int n = 0; n < ids.length; n++) {
                for (int j = 0; j < k; j++) {
                    sstats[ids[n]][j] += cts[n] * phi[n][j];
                }
            }
        }
        for (int w = 0; w < v; w++) {
            for (int j = 0; j < k; j++) {
                double target = eta + corpusSize / s * sstats[w][j];
                lambda[w][j] = (1 - rho) * lambda[w][j] + rho * target;
            }
        }
    }

    /** φ_nk ∝ exp(E[ln θ_k] + E[ln β_kw_n]). */
    private void estimatePhi(double[] gamma, int[] ids, double[][] elogBeta, double[][] phi) {
        double sum = 0;
        for (double g : gamma) {
            sum += g;
        }
        double psiSum = Digamma.of(sum);
        for (int n = 0; n < ids.length; n++) {
            double norm = 0;
            for (int j = 0; j < k; j++) {
                phi[n][j] = Math.exp(Digamma.of(gamma[j]) - psiSum + elogBeta[ids[n]][j]);
                norm += phi[n][j];
            }
            for (int j = 0; j < k; j++) {
                phi[n][j] /= norm;
            }
        }
    }
}
