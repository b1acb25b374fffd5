package io.streamvi.model.mcmc;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The No-U-Turn sampler (Hoffman &amp; Gelman 2014, JMLR 15:1593–1623) as Stan runs it: multinomial
 * sampling from the trajectory with the generalised U-turn criterion (Betancourt 2017,
 * arXiv:1701.02434; see {@link NutsChain}), step size by dual averaging towards a mean
 * acceptance statistic δ = 0.8, a diagonal metric from Stan's windowed warm-up (75 / 25, 50, 100,
 * … / 50 iterations, regularised variance), maximum tree depth 10, divergence at an energy error
 * above 1000.
 *
 * <pre>
 *   NutsResult run = Nuts.sample(logPosterior, NutsSettings.of(4, 1000, 1000, 42));
 *   double[][] chains = run.parameter(0);                        // [chain][draw]
 *   List&lt;DrawsSummary&gt; table = run.summaries();                 // mean, sd, MCSE, R̂, ESS per parameter
 *   int divergences = run.divergences();
 * </pre>
 *
 * <p>Chain c draws from the c-th {@link SplittableRandom#split()} of {@code new
 * SplittableRandom(seed)}, so a run is reproducible bit for bit, and the same whether the chains
 * run in sequence or in parallel ({@link NutsSettings#parallelChains()}; the target must then be
 * safe to call from several threads, as the models' log posteriors are).
 */
public final class Nuts {

    private Nuts() {
    }

    /** Runs the settings' chains from random inits (uniform on (−r, r)^d). */
    public static NutsResult sample(LogDensity target, NutsSettings settings) {
        return sample(target, settings, null);
    }

    /**
     * Runs the settings' chains, chain c from {@code inits[c]} (null: random inits), e.g. to
     * start chains in different modes on purpose.
     */
    public static NutsResult sample(LogDensity target, NutsSettings settings, double[][] inits) {
        int chains = settings.chains();
        if (target.dimension() < 1) {
            throw new IllegalArgumentException("target dimension must be >= 1 (was " + target.dimension() + ")");
        }
        if (inits != null && inits.length != chains) {
            throw new IllegalArgumentException("inits: one per chain needed (" + chains + "), got " + inits.length);
        }
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom[] streams = new SplittableRandom[chains];
        for (int c = 0; c < chains; c++) {
            streams[c] = root.split();
        }
        ChainResult[] out = new ChainResult[chains];
        IntStream range = IntStream.range(0, chains);
        if (settings.parallelChains()) {
            range = range.parallel();
        }
        range.forEach(c -> out[c] = new NutsChain(target, settings, streams[c], inits == null ? null : inits[c]).run(c));
        String[] names = new String[target.dimension()];
        for (int i = 0; i < names.length; i++) {
            names[i] = target.parameterName(i);
        }
        return new NutsResult(Arrays.asList(names), Arrays.asList(out));
    }
}
