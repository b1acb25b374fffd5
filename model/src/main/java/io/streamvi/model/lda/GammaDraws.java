package io.streamvi.model.lda;

/**
 * Deterministic Gamma(shape 100, scale 1/100) draws, the initialiser gensim uses for λ and γ
 * (mean 1, sd 0.1). Each call starts its own SplitMix64 stream at {@code seed}; normals come from
 * Box–Muller and the gammas from Marsaglia and Tsang (2000), with {@link StrictMath} so the same
 * seed gives the same bits on every JVM.
 */
final class GammaDraws {

    private static final double SHAPE = 100.0;
    private static final double D = SHAPE - 1.0 / 3.0;
    private static final double C = 1.0 / StrictMath.sqrt(9.0 * D);

    private long state;

    private GammaDraws(long seed) {
        this.state = seed;
    }

    /** {@code n} draws from the stream started at {@code seed}. */
    static double[] draw(long seed, int n) {
        GammaDraws g = new GammaDraws(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = g.nextGamma();
        }
        return out;
    }

    private double nextGamma() {
        while (true) {
            double x = nextNormal();
            double v = 1.0 + C * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = nextUniform();
            if (StrictMath.log(u) < 0.5 * x * x + D - D * v + D * StrictMath.log(v)) {
                return D * v / SHAPE;
            }
        }
    }

    private double nextNormal() {
        double u1 = nextUniform();
        double u2 = nextUniform();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Uniform on (0, 1]. */
    private double nextUniform() {
        state += 0x9e3779b97f4a7c15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return ((z >>> 11) + 1) * 0x1.0p-53;
    }
}
