/** How a variational distribution is described to subscribers: exact parameters and summaries. */
package io.streamvi.model.posterior;
