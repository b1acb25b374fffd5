package io.streamvi.model.mcmc;

/**
 * A point of phase space: position q, momentum p, potential energy V(q) = −ln π(q) and its
 * gradient ∂V/∂q (Stan's {@code ps_point}). Mutable; the sampler copies points rather than
 * sharing them.
 */
final class PhasePoint {

    final double[] q;
    final double[] p;
    final double[] gradV;
    double potential;

    PhasePoint(int dimension) {
        q = new double[dimension];
        p = new double[dimension];
        gradV = new double[dimension];
    }

    PhasePoint copy() {
        PhasePoint c = new PhasePoint(q.length);
        c.copyFrom(this);
        return c;
    }

    void copyFrom(PhasePoint o) {
        System.arraycopy(o.q, 0, q, 0, q.length);
        System.arraycopy(o.p, 0, p, 0, p.length);
        System.arraycopy(o.gradV, 0, gradV, 0, gradV.length);
        potential = o.potential;
    }
}
