/** Running the app's models over files of events, without Kafka ({@code streamvi fit}). */
package io.streamvi.topology.offline;
