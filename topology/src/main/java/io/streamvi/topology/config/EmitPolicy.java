package io.streamvi.topology.config;

/**
 * When a key's snapshot is published.
 *
 * @param everyUpdates after every this many applied minibatches; 0 = not by count
 * @param everyMs at most this often by wall-clock time for keys that changed since their last
 *     snapshot; 0 = not by time
 */
public record EmitPolicy(int everyUpdates, long everyMs) {
}
