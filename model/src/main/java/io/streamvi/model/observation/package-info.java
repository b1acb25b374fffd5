/** Observations in the shapes the models consume, one kind per member of the wire payload union. */
package io.streamvi.model.observation;
