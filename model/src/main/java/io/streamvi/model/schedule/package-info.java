/** Step-size schedules ρ_t for stochastic updates. */
package io.streamvi.model.schedule;
