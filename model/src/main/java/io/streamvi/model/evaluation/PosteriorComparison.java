package io.streamvi.model.evaluation;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.ConvergenceDiagnostics;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.StatUtils;

/**
 * Per-parameter comparison of a variational posterior with MCMC, from draws of each: the mean's
 * error in MCMC posterior sds, the ratio of sds, and the overlap of the central 95% intervals
 * I_q = [l_q, u_q], I_m = [l_m, u_m] in the sense of Karr, Kohnen, Oganian, Reiter &amp; Sanil
 * (2006), "A framework for evaluating the utility of data altered to protect confidentiality",
 * The American Statistician 60(3):
 * <pre>
 *   overlap = ½ (|I_q ∩ I_m| / |I_m| + |I_q ∩ I_m| / |I_q|)
 * </pre>
 * 1 for equal intervals, 0 for disjoint ones; a q-interval of half the width centred inside the
 * MCMC one scores ½(½ + 1) = 0.75, so under-dispersion lowers it as bias does. Quantiles are R's
 * type 7.
 */
public final class PosteriorComparison {

    private PosteriorComparison() {
    }

    /**
     * @param names one name per coordinate
     * @param viDraws draws from q, {@code [draw][coordinate]}
     * @param mcmcDraws MCMC draws (all chains pooled), {@code [draw][coordinate]}
     */
    public static List<ParameterComparison> compare(List<String> names, double[][] viDraws, double[][] mcmcDraws) {
        int d = names.size();
        requireShape("viDraws", viDraws, d);
        requireShape("mcmcDraws", mcmcDraws, d);
        List<ParameterComparison> out = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            double[] q = column(viDraws, j);
            double[] m = column(mcmcDraws, j);
            double qMean = StatUtils.mean(q);
            double mMean = StatUtils.mean(m);
            double qSd = Math.sqrt(StatUtils.variance(q, qMean));
            double mSd = Math.sqrt(StatUtils.variance(m, mMean));
            double ql = ConvergenceDiagnostics.quantile(q, 0.025);
            double qu = ConvergenceDiagnostics.quantile(q, 0.975);
            double ml = ConvergenceDiagnostics.quantile(m, 0.025);
            double mu = ConvergenceDiagnostics.quantile(m, 0.975);
            out.add(new ParameterComparison(names.get(j), qMean, qSd, mMean, mSd, (qMean - mMean) / mSd, qSd / mSd,
                    ql, qu, ml, mu, intervalOverlap(ql, qu, ml, mu)));
        }
        return out;
    }

    /** Karr et al.'s overlap of [l1, u1] and [l2, u2] (both of positive length). */
    public static double intervalOverlap(double l1, double u1, double l2, double u2) {
        double common = Math.max(0, Math.min(u1, u2) - Math.max(l1, l2));
        return 0.5 * (common / (u1 - l1) + common / (u2 - l2));
    }

    private static void requireShape(String field, double[][] draws, int d) {
        if (draws.length < 2) {
            throw new InvalidParameterException(field, draws.length + " draws", "needs at least 2 draws");
        }
        for (int s = 0; s < draws.length; s++) {
            if (draws[s].length != d) {
                throw new InvalidParameterException(field + "[" + s + "]", draws[s].length + " values",
                        "needs one per parameter (" + d + ")");
            }
        }
    }

    private static double[] column(double[][] draws, int j) {
        double[] out = new double[draws.length];
        for (int s = 0; s < draws.length; s++) {
            out[s] = draws[s][j];
        }
        return out;
    }
}
