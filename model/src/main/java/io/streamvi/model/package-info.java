/**
 * The inference core of streamvi in plain Java: observations, step-size schedules, effective data
 * sizes, the stochastic variational inference engine and the models. Nothing here knows about
 * Kafka or Avro, so the mathematics can be tested and benchmarked on its own.
 *
 * <p>Conventions follow Hoffman, Blei, Wang and Paisley (2013), "Stochastic Variational
 * Inference", JMLR 14:1303–1347.
 */
package io.streamvi.model;
