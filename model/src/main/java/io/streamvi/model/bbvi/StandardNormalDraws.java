package io.streamvi.model.bbvi;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.svi.Seeds;
import java.util.SplittableRandom;

/**
 * The ε of one step: S draws of ε ~ N(0, I_p), row-major (draw s at {@code [s·p, s·p + p)}), from a
 * {@link SplittableRandom} seeded by {@link Seeds#forStep}(streamSeed, step), so that a replay
 * reproduces them bit for bit.
 *
 * <p>Method: Marsaglia's polar method (Marsaglia &amp; Bray 1964, SIAM Review 6(3)). Draw
 * u, v uniform on [−1, 1) as 2U − 1 from {@code nextDouble()}, reject until 0 &lt; s = u² + v² &lt; 1,
 * then u·√(−2 ln s / s) and v·√(−2 ln s / s) are independent N(0, 1). The two values fill
 * consecutive slots; an odd total discards the last partner. The values are therefore filled in
 * order from one stream, so the first S draws of a call for S' &gt; S draws equal the draws of a
 * call for S: raising the number of draws keeps the earlier ones.
 */
public final class StandardNormalDraws {

    private StandardNormalDraws() {
    }

    /** A new S×p array of N(0, 1) draws for step {@code step} of the stream {@code streamSeed}. */
    public static double[] draw(long streamSeed, long step, int draws, int dimension) {
        if (draws < 1) {
            throw new InvalidParameterException("draws", draws, "must be >= 1");
        }
        Vectors.requireDimension(dimension);
        long size = (long) draws * dimension;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidParameterException("draws", draws, "draws × dimension must be below 2^31");
        }
        double[] eps = new double[(int) size];
        fill(new SplittableRandom(Seeds.forStep(streamSeed, step)), eps);
        return eps;
    }

    /** Fills all of {@code out} with independent N(0, 1) draws from {@code rng}. */
    public static void fill(SplittableRandom rng, double[] out) {
        int i = 0;
        while (i < out.length) {
            double u;
            double v;
            double s;
            do {
                u = 2 * rng.nextDouble() - 1;
                v = 2 * rng.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double factor = Math.sqrt(-2 * Math.log(s) / s);
            out[i++] = u * factor;
            if (i < out.length) {
                out[i++] = v * factor;
            }
        }
    }
}
