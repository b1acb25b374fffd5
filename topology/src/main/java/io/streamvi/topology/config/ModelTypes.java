package io.streamvi.topology.config;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.conjugate.BetaBernoulli;
import io.streamvi.model.conjugate.ConjugateFamily;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model types a configuration may name, each with the reader of its own settings (the
 * prior). Adding a model type is one entry here.
 */
final class ModelTypes {

    /** Reads a conjugate family's prior from its {@code prior} mapping. */
    private interface FamilyReader {
        ConjugateFamily read(ConfigNode prior);
    }

    private static final Map<String, FamilyReader> CONJUGATE = Map.of(
            BetaBernoulli.TYPE, prior -> {
                prior.allowOnly("alpha", "beta");
                return new BetaBernoulli(prior.number("alpha", 1.0), prior.number("beta", 1.0));
            });

    private ModelTypes() {
    }

    static StreamingModel build(String type, ConfigNode model, UpdateMode mode, StepSchedule schedule,
            EffectiveDataSize dataSize) {
        FamilyReader reader = CONJUGATE.get(type);
        if (reader == null) {
            throw new ConfigException(model.child("type"), "unknown model type '" + type + "' (known: "
                    + new TreeSet<>(CONJUGATE.keySet()) + ")");
        }
        ConfigNode prior = model.optionalObject("prior");
        ConjugateFamily family;
        try {
            family = reader.read(prior);
        } catch (InvalidParameterException e) {
            throw new ConfigException(prior.child(e.field()), e.requirement() + " (was " + e.value() + ")");
        }
        return new ConjugateModel(family, mode, schedule, dataSize);
    }
}
