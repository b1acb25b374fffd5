package io.streamvi.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.model.DevData;
import io.streamvi.model.glm.LogisticLikelihood;
import io.streamvi.model.glm.NaturalGradientGlm;
import io.streamvi.model.glm.ReparameterisedGlm;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.List;

/**
 * Time for streaming VI on the dev breast-cancer case to reach every coefficient's Stan NUTS mean
 * within 0.10 NUTS sd and every sd within ±15%, checked after each pass over the stream, next to
 * the reference JSON's Stan NUTS and ADVI wall times measured on the same kind of machine. Run with
 * {@code bin/bench-breast-cancer}. Each method runs 5 times in one JVM (the first run includes JIT
 * warm-up); the median is reported.
 */
public final class BreastCancerTimeToAccuracy {

    private BreastCancerTimeToAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        List<Observation> data = DevData.regressionEvents("/dev/a_logreg_breast_cancer/events.jsonl");
        JsonNode ref = DevData.reference("/dev/a_logreg_breast_cancer/reference.json");
        JsonNode post = ref.at("/reference/posterior");
        double[] mean = new double[post.get("mean").size()];
        double[] sd = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = post.get("mean").get(i).asDouble();
            sd[i] = post.get("sd").get(i).asDouble();
        }
        System.out.printf("reference (same kind of 2-core machine): Stan NUTS 4 x 1000 draws %.1f s%n",
                ref.at("/reference/wall_seconds").asDouble());
        for (JsonNode peer : ref.get("peers")) {
            if (peer.has("tol_rel_obj")) {
                System.out.printf("  %s tol %s: %.2f s, max|z| %.3f, sd ratio %.2f%n", peer.get("method").asText(),
                        peer.get("tol_rel_obj").asText(), peer.get("wall_seconds").asDouble(),
                        peer.at("/discrepancy_vs_nuts/max_abs_z").asDouble(),
                        peer.at("/discrepancy_vs_nuts/sd_ratio_mean").asDouble());
            }
        }
        Design design = new Design(30, true);
        run("natural gradient, full-rank, minibatches of 300, kappa 0.6", () -> new NaturalGradientGlm(
                new LogisticLikelihood(), design, true, 1, 5, RobbinsMonroSchedule.of(0, 0.6),
                new EffectiveDataSize.Fixed(569), new double[0][]), data, 300, 200, mean, sd);
        run("reparameterisation gradients, full-rank, 10 draws, minibatches of 50", () -> new ReparameterisedGlm(
                new LogisticLikelihood(), design, true, 1, 5, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Fixed(569), 10, true, 0, new double[0][]), data, 50, 300, mean, sd);
    }

    private static void run(String name, java.util.function.Supplier<StreamingModel> factory, List<Observation> data,
            int batch, int maxPasses, double[] mean, double[] sd) {
        double[] times = new double[5];
        int passesNeeded = -1;
        for (int rep = 0; rep < times.length; rep++) {
            StreamingModel model = factory.get();
            long start = System.nanoTime();
            VariationalState s = model.initialState();
            int pass = 0;
            boolean reached = false;
            while (pass < maxPasses && !reached) {
                for (int i = 0; i < data.size(); i += batch) {
                    s = model.update(s, data.subList(i, Math.min(data.size(), i + batch)), 7L).state();
                }
                pass++;
                reached = accurate(model.posterior(s), mean, sd);
            }
            times[rep] = reached ? (System.nanoTime() - start) / 1e9 : Double.POSITIVE_INFINITY;
            passesNeeded = reached ? pass : -1;
        }
        java.util.Arrays.sort(times);
        System.out.printf("streamvi %s: %s (passes: %s; median of 5 runs, the check after each pass included)%n", name,
                Double.isInfinite(times[2]) ? "did not reach the accuracy in " + maxPasses + " passes"
                        : String.format("%.2f s", times[2]),
                passesNeeded < 0 ? "-" : Integer.toString(passesNeeded));
    }

    private static boolean accurate(Posterior p, double[] mean, double[] sd) {
        for (int i = 0; i < mean.length; i++) {
            var s = p.summaries().get(i);
            double ratio = s.sd() / sd[i];
            if (Math.abs(s.mean() - mean[i]) / sd[i] > 0.10 || ratio < 0.85 || ratio > 1.15) {
                return false;
            }
        }
        return true;
    }
}
