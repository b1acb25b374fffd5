package io.streamvi.topology;

/**
 * Store and snapshot key of one posterior: {@code model/key}. Model names cannot hold '/'
 * (checked at start-up), so the first '/' separates the two; entity keys may hold anything.
 */
public final class StateKey {
    private StateKey() {
    }

    public static String of(String model, String key) {
        return model + "/" + key;
    }

    public static String model(String stateKey) {
        return stateKey.substring(0, stateKey.indexOf('/'));
    }

    public static String entity(String stateKey) {
        return stateKey.substring(stateKey.indexOf('/') + 1);
    }
}
