package io.streamvi.model.mcmc;

import io.streamvi.model.bbvi.StandardNormalDraws;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One chain of the No-U-Turn sampler with a diagonal Euclidean metric, step for step as Stan's
 * {@code base_nuts} / {@code adapt_diag_e_nuts} (Stan 2.26 onwards), so that its behaviour can be
 * compared with Stan's.
 *
 * <p><b>Dynamics.</b> H(q, p) = V(q) + K(p), V = −ln π(q), K = ½ pᵀM⁻¹p with diagonal M⁻¹;
 * momenta p ~ N(0, M) are drawn afresh every iteration. One leapfrog step of size ε:
 * p ← p − (ε/2)∇V(q); q ← q + ε M⁻¹p; p ← p − (ε/2)∇V(q).
 *
 * <p><b>Trajectory.</b> Starting from the current state, the trajectory is doubled in a random
 * direction (forward or backward in time), each doubling a balanced binary tree of 2^depth
 * leapfrog steps built recursively (Hoffman &amp; Gelman 2014, Algorithm 3), until the generalised
 * U-turn criterion fails or the depth reaches its maximum. For a (sub)trajectory with summed
 * momentum ρ = Σ p_i and "sharp" momenta p♯ = M⁻¹p at its two ends, it goes on while
 * p♯_−·ρ &gt; 0 and p♯_+·ρ &gt; 0 (Betancourt 2017, §A.4.2, the Riemannian generalisation of
 * Hoffman &amp; Gelman's (q_+ − q_−)·p &gt; 0); as in Stan (since 2.23) the criterion is also checked
 * across the two halves of every merge, with ρ extended by the neighbouring end's momentum, which
 * catches U-turns that fall between subtrees.
 *
 * <p><b>Sampling from the trajectory.</b> Each state is weighted by e^(H0 − H) (multinomial
 * sampling, Betancourt 2017 §A.3): within a subtree the two halves are merged by uniform
 * progressive sampling (the second half's state replaces the proposal with probability
 * w_second / (w_first + w_second)); when a new subtree joins the trajectory, biased progressive
 * sampling prefers it (replace with probability min(1, w_new / w_old)), which keeps the target
 * invariant and moves farther per iteration.
 *
 * <p><b>Divergences.</b> A leapfrog state whose energy exceeds H0 by more than the settings'
 * maximum (Stan: 1000), or whose energy is not finite, ends the trajectory as divergent; the
 * state is still sampled from the trajectory built before it.
 *
 * <p><b>Acceptance statistic.</b> The mean over all leapfrog states of min(1, e^(H0 − H)), the
 * quantity the step-size adaptation drives towards δ.
 */
final class NutsChain {

    private static final double LOG_08 = Math.log(0.8);

    private final LogDensity target;
    private final NutsSettings settings;
    private final int d;
    private final SplittableRandom rng;
    private final double[] invMetric;
    private final double[] gradScratch;
    private final PhasePoint z;
    private double epsilon;

    // the current transition's statistics
    private int depth;
    private boolean divergent;
    private int nLeapfrog;
    private double sumMetroProb;

    NutsChain(LogDensity target, NutsSettings settings, SplittableRandom rng, double[] init) {
        this.target = target;
        this.settings = settings;
        this.d = target.dimension();
        this.rng = rng;
        this.invMetric = new double[d];
        Arrays.fill(invMetric, 1.0);
        this.gradScratch = new double[d];
        this.z = new PhasePoint(d);
        this.epsilon = settings.initialStepSize();
        initialise(init);
    }

    /**
     * The initial point: {@code init} if given, otherwise uniform on (−r, r)^d, redrawn up to 100
     * times until the density and its gradient are finite (as Stan's {@code initialize}).
     */
    private void initialise(double[] init) {
        if (init != null) {
            if (init.length != d) {
                throw new IllegalArgumentException("init has length " + init.length + ", the target dimension is " + d);
            }
            System.arraycopy(init, 0, z.q, 0, d);
            z.potential = potential(z.q, z.gradV);
            if (!finiteState(z)) {
                throw new IllegalArgumentException("the log density or its gradient is not finite at the given init");
            }
            return;
        }
        double r = settings.initRadius();
        for (int attempt = 0; attempt < 100; attempt++) {
            for (int i = 0; i < d; i++) {
                z.q[i] = r * (2 * rng.nextDouble() - 1);
            }
            z.potential = potential(z.q, z.gradV);
            if (finiteState(z)) {
                return;
            }
        }
        throw new IllegalStateException("no finite log density and gradient at 100 random inits on (-" + r + ", " + r
                + ")^" + d);
    }

    private static boolean finiteState(PhasePoint p) {
        if (!Double.isFinite(p.potential)) {
            return false;
        }
        for (double g : p.gradV) {
            if (!Double.isFinite(g)) {
                return false;
            }
        }
        return true;
    }

    /** Warm-up (discarded), then the kept draws. */
    ChainResult run(int chainIndex) {
        int warmup = settings.warmup();
        int draws = settings.draws();
        int warmupDivergences = 0;
        if (warmup > 0) {
            StepSizeAdaptation stepSize = new StepSizeAdaptation(settings.targetAccept());
            stepSize.setMu(Math.log(10 * settings.initialStepSize()));
            stepSize.restart();
            MetricAdaptation metric = new MetricAdaptation(d, warmup);
            initStepSize();
            for (int i = 0; i < warmup; i++) {
                double accept = transition();
                warmupDivergences += divergent ? 1 : 0;
                epsilon = stepSize.learn(accept);
                if (metric.learn(invMetric, z.q)) {
                    initStepSize();
                    stepSize.setMu(Math.log(10 * epsilon));
                    stepSize.restart();
                }
            }
            epsilon = stepSize.adaptedStepSize();
        }
        double[][] out = new double[draws][];
        int[] treeDepth = new int[draws];
        int[] leapfrog = new int[draws];
        boolean[] div = new boolean[draws];
        double[] accept = new double[draws];
        double[] energy = new double[draws];
        for (int i = 0; i < draws; i++) {
            accept[i] = transition();
            out[i] = z.q.clone();
            treeDepth[i] = depth;
            leapfrog[i] = nLeapfrog;
            div[i] = divergent;
            energy[i] = hamiltonian(z);
        }
        return new ChainResult(chainIndex, out, epsilon, invMetric.clone(), treeDepth, leapfrog, div, accept, energy,
                warmupDivergences, settings.maxTreeDepth());
    }

    /** V(q) = −ln π(q) and ∂V/∂q into {@code gradV}; a NaN density counts as V = +∞. */
    private double potential(double[] q, double[] gradV) {
        double lp = target.logDensityAndGradient(q, gradScratch);
        for (int i = 0; i < d; i++) {
            gradV[i] = -gradScratch[i];
        }
        return Double.isNaN(lp) ? Double.POSITIVE_INFINITY : -lp;
    }

    private double kinetic(double[] p) {
        double k = 0;
        for (int i = 0; i < d; i++) {
            k += invMetric[i] * p[i] * p[i];
        }
        return 0.5 * k;
    }

    private double hamiltonian(PhasePoint point) {
        return point.potential + kinetic(point.p);
    }

    /** H, with NaN (e.g. ∞ − ∞ past a blow-up) read as +∞. */
    private double energyOrInfinity(PhasePoint point) {
        double h = hamiltonian(point);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /** p ~ N(0, M): p_i = ξ_i / √(M⁻¹_ii). */
    private void sampleMomentum(double[] p) {
        StandardNormalDraws.fill(rng, p);
        for (int i = 0; i < d; i++) {
            p[i] /= Math.sqrt(invMetric[i]);
        }
    }

    private void sharp(double[] p, double[] out) {
        for (int i = 0; i < d; i++) {
            out[i] = invMetric[i] * p[i];
        }
    }

    /** One leapfrog step of (signed) size {@code eps}, in place. */
    private void leapfrog(PhasePoint point, double eps) {
        for (int i = 0; i < d; i++) {
            point.p[i] -= 0.5 * eps * point.gradV[i];
        }
        for (int i = 0; i < d; i++) {
            point.q[i] += eps * invMetric[i] * point.p[i];
        }
        point.potential = potential(point.q, point.gradV);
        for (int i = 0; i < d; i++) {
            point.p[i] -= 0.5 * eps * point.gradV[i];
        }
    }

    /**
     * Stan's step-size heuristic ({@code base_hmc::init_stepsize}): from the current position,
     * double ε while a single leapfrog step from a fresh momentum keeps e^(H0 − H) above 0.8, or
     * halve it while it falls below, until the acceptance crosses 0.8.
     */
    private void initStepSize() {
        if (epsilon == 0 || epsilon > 1e7 || Double.isNaN(epsilon)) {
            return;
        }
        PhasePoint start = z.copy();
        sampleMomentum(z.p);
        double h0 = hamiltonian(z);
        leapfrog(z, epsilon);
        double deltaH = h0 - energyOrInfinity(z);
        int direction = deltaH > LOG_08 ? 1 : -1;
        while (true) {
            z.copyFrom(start);
            sampleMomentum(z.p);
            h0 = hamiltonian(z);
            leapfrog(z, epsilon);
            deltaH = h0 - energyOrInfinity(z);
            if (direction == 1 && !(deltaH > LOG_08)) {
                break;
            } else if (direction == -1 && !(deltaH < LOG_08)) {
                break;
            } else {
                epsilon = direction == 1 ? 2 * epsilon : 0.5 * epsilon;
            }
            if (epsilon > 1e7) {
                throw new IllegalStateException("step size search diverged (ε > 1e7): is the posterior proper?");
            }
            if (epsilon == 0) {
                throw new IllegalStateException("step size search underflowed to 0: the log density is not smooth here");
            }
        }
        z.copyFrom(start);
    }

    private static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }

    private static boolean criterion(double[] pSharpMinus, double[] pSharpPlus, double[] rho) {
        double plus = 0;
        double minus = 0;
        for (int i = 0; i < rho.length; i++) {
            plus += pSharpPlus[i] * rho[i];
            minus += pSharpMinus[i] * rho[i];
        }
        return plus > 0 && minus > 0;
    }

    private static void add(double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
    }

    /** One NUTS iteration from the current state; returns the acceptance statistic. */
    private double transition() {
        sampleMomentum(z.p);
        PhasePoint zFwd = z.copy();
        PhasePoint zBck = z.copy();
        PhasePoint zSample = z.copy();
        PhasePoint zPropose = z.copy();

        double[] pSharpFwdFwd = new double[d];
        sharp(z.p, pSharpFwdFwd);
        double[] pSharpFwdBck = pSharpFwdFwd.clone();
        double[] pSharpBckFwd = pSharpFwdFwd.clone();
        double[] pSharpBckBck = pSharpFwdFwd.clone();
        double[] pFwdFwd = z.p.clone();
        double[] pFwdBck = z.p.clone();
        double[] pBckFwd = z.p.clone();
        double[] pBckBck = z.p.clone();
        double[] rho = z.p.clone();
        double[] rhoExtended = new double[d];

        double logSumWeight = 0; // ln e^(H0 − H0)
        double h0 = hamiltonian(z);
        nLeapfrog = 0;
        sumMetroProb = 0;
        depth = 0;
        divergent = false;

        while (depth < settings.maxTreeDepth()) {
            double[] rhoFwd = new double[d];
            double[] rhoBck = new double[d];
            double[] logSumWeightSubtree = {Double.NEGATIVE_INFINITY};
            boolean valid;
            if (rng.nextDouble() > 0.5) {
                z.copyFrom(zFwd);
                // the trajectory so far becomes the backward subtree
                System.arraycopy(rho, 0, rhoBck, 0, d);
                System.arraycopy(pFwdFwd, 0, pBckFwd, 0, d);
                System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, d);
                valid = buildTree(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, h0, 1,
                        logSumWeightSubtree);
                zFwd.copyFrom(z);
            } else {
                z.copyFrom(zBck);
                // the trajectory so far becomes the forward subtree
                System.arraycopy(rho, 0, rhoFwd, 0, d);
                System.arraycopy(pBckBck, 0, pFwdBck, 0, d);
                System.arraycopy(pSharpBckBck, 0, pSharpFwdBck, 0, d);
                valid = buildTree(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, h0, -1,
                        logSumWeightSubtree);
                zBck.copyFrom(z);
            }
            if (!valid) {
                break;
            }
            depth++;
            if (logSumWeightSubtree[0] > logSumWeight) {
                zSample.copyFrom(zPropose);
            } else if (rng.nextDouble() < Math.exp(logSumWeightSubtree[0] - logSumWeight)) {
                zSample.copyFrom(zPropose);
            }
            logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree[0]);

            add(rhoBck, rhoFwd, rho);
            boolean persist = criterion(pSharpBckBck, pSharpFwdFwd, rho);
            add(rhoBck, pFwdBck, rhoExtended);
            persist &= criterion(pSharpBckBck, pSharpFwdBck, rhoExtended);
            add(rhoFwd, pBckFwd, rhoExtended);
            persist &= criterion(pSharpBckFwd, pSharpFwdFwd, rhoExtended);
            if (!persist) {
                break;
            }
        }
        double accept = sumMetroProb / nLeapfrog;
        z.copyFrom(zSample);
        return accept;
    }

    /**
     * Extends the trajectory from {@code z} by 2^depth leapfrog steps in direction {@code sign},
     * writing the subtree's proposal, end momenta (plain and sharp), summed momentum (added into
     * {@code rho}) and log weight (log-sum-exp'ed into {@code logSumWeight[0]}); false when the
     * subtree diverged or turned back on itself.
     */
    private boolean buildTree(int treeDepth, PhasePoint zPropose, double[] pSharpBeg, double[] pSharpEnd, double[] rho,
            double[] pBeg, double[] pEnd, double h0, int sign, double[] logSumWeight) {
        if (treeDepth == 0) {
            leapfrog(z, sign * epsilon);
            nLeapfrog++;
            double h = energyOrInfinity(z);
            if (h - h0 > settings.maxEnergyError()) {
                divergent = true;
            }
            logSumWeight[0] = logSumExp(logSumWeight[0], h0 - h);
            sumMetroProb += h0 - h > 0 ? 1 : Math.exp(h0 - h);
            zPropose.copyFrom(z);
            sharp(z.p, pSharpBeg);
            System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, d);
            for (int i = 0; i < d; i++) {
                rho[i] += z.p[i];
            }
            System.arraycopy(z.p, 0, pBeg, 0, d);
            System.arraycopy(z.p, 0, pEnd, 0, d);
            return !divergent;
        }

        double[] logSumWeightInit = {Double.NEGATIVE_INFINITY};
        double[] pInitEnd = new double[d];
        double[] pSharpInitEnd = new double[d];
        double[] rhoInit = new double[d];
        if (!buildTree(treeDepth - 1, zPropose, pSharpBeg, pSharpInitEnd, rhoInit, pBeg, pInitEnd, h0, sign,
                logSumWeightInit)) {
            return false;
        }

        PhasePoint zProposeFinal = z.copy();
        double[] logSumWeightFinal = {Double.NEGATIVE_INFINITY};
        double[] pFinalBeg = new double[d];
        double[] pSharpFinalBeg = new double[d];
        double[] rhoFinal = new double[d];
        if (!buildTree(treeDepth - 1, zProposeFinal, pSharpFinalBeg, pSharpEnd, rhoFinal, pFinalBeg, pEnd, h0, sign,
                logSumWeightFinal)) {
            return false;
        }

        double logSumWeightSubtree = logSumExp(logSumWeightInit[0], logSumWeightFinal[0]);
        logSumWeight[0] = logSumExp(logSumWeight[0], logSumWeightSubtree);
        if (logSumWeightFinal[0] > logSumWeightSubtree) {
            zPropose.copyFrom(zProposeFinal);
        } else if (rng.nextDouble() < Math.exp(logSumWeightFinal[0] - logSumWeightSubtree)) {
            zPropose.copyFrom(zProposeFinal);
        }

        double[] rhoSubtree = new double[d];
        add(rhoInit, rhoFinal, rhoSubtree);
        for (int i = 0; i < d; i++) {
            rho[i] += rhoSubtree[i];
        }
        boolean persist = criterion(pSharpBeg, pSharpEnd, rhoSubtree);
        double[] rhoExtended = new double[d];
        add(rhoInit, pFinalBeg, rhoExtended);
        persist &= criterion(pSharpBeg, pSharpFinalBeg, rhoExtended);
        add(rhoFinal, pInitEnd, rhoExtended);
        persist &= criterion(pSharpInitEnd, pSharpEnd, rhoExtended);
        return persist;
    }
}
