package io.streamvi.model.mcmc;

import java.util.ArrayList;
import java.util.List;

/**
 * The chains of one {@link Nuts} run.
 *
 * @param names the target's coordinate names
 * @param chains the chains in order
 */
public record NutsResult(List<String> names, List<ChainResult> chains) {

    public NutsResult {
        names = List.copyOf(names);
        chains = List.copyOf(chains);
    }

    public int dimension() {
        return names.size();
    }

    /** Coordinate {@code j} of every kept draw, {@code [chain][draw]}: the input of {@link ConvergenceDiagnostics}. */
    public double[][] parameter(int j) {
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < out.length; c++) {
            double[][] draws = chains.get(c).draws();
            out[c] = new double[draws.length];
            for (int i = 0; i < draws.length; i++) {
                out[c][i] = draws[i][j];
            }
        }
        return out;
    }

    /** All kept draws of all chains, chain after chain, {@code [draw][coordinate]}. */
    public double[][] pooledDraws() {
        List<double[]> all = new ArrayList<>();
        for (ChainResult c : chains) {
            for (double[] d : c.draws()) {
                all.add(d.clone());
            }
        }
        return all.toArray(new double[0][]);
    }

    /** Divergent kept iterations over all chains. */
    public int divergences() {
        return chains.stream().mapToInt(ChainResult::divergences).sum();
    }

    /** Kept iterations over all chains that stopped at the maximum tree depth. */
    public int maxTreeDepthHits() {
        return chains.stream().mapToInt(ChainResult::maxTreeDepthHits).sum();
    }

    /** Leapfrog steps (gradient evaluations) of the kept iterations over all chains. */
    public long leapfrogSteps() {
        return chains.stream().mapToLong(ChainResult::totalLeapfrogSteps).sum();
    }

    /** Per coordinate: mean, sd, MCSEs, quantiles, R̂ and bulk/tail ESS over all chains. */
    public List<DrawsSummary> summaries() {
        List<DrawsSummary> out = new ArrayList<>(dimension());
        for (int j = 0; j < dimension(); j++) {
            out.add(ConvergenceDiagnostics.summarise(names.get(j), parameter(j)));
        }
        return out;
    }
}
