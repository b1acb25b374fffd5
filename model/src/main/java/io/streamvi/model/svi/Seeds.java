package io.streamvi.model.svi;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic seeds for random draws: one per (model, key) stream, split per step, so that a
 * replay of the same input reproduces every draw bit for bit (as a split PRNG key does in JAX).
 */
public final class Seeds {

    private Seeds() {
    }

    /** The seed of the stream of {@code key} under model {@code model}: 64-bit FNV-1a of both names. */
    public static long forStream(String model, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (model + '\u0000' + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The seed of step {@code step} of a stream: the stream seed mixed with the step (SplitMix64 finaliser). */
    public static long forStep(long streamSeed, long step) {
        long z = streamSeed + 0x9e3779b97f4a7c15L * (step + 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
