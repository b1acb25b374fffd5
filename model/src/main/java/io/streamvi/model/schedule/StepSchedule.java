package io.streamvi.model.schedule;

/** A step-size sequence ρ_t for t = 1, 2, ... */
public interface StepSchedule {
    /** The step size for step {@code t}, counted from 1. */
    double rho(long t);
}
