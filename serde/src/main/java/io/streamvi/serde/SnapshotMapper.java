package io.streamvi.serde;

import io.streamvi.avro.Distribution;
import io.streamvi.avro.Parameter;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Summary;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the wire snapshot from a model posterior. */
public final class SnapshotMapper {

    private SnapshotMapper() {
    }

    /** Identity and progress fields of a snapshot, as the topology knows them. */
    public record Header(String model, String key, String modelType, String mode, long step, long observationsSeen,
            double effectiveDataSize, double rho, double elbo, long lastEventTime) {
    }

    private static List<Summary> summaries(List<ParameterSummary> list) {
        List<Summary> out = new ArrayList<>(list.size());
        for (ParameterSummary s : list) {
            out.add(new Summary(s.name(), s.mean(), s.sd(), s.lower95(), s.median(), s.upper95()));
        }
        return out;
    }

    public static PosteriorSnapshot toAvro(Header h, Posterior posterior, Map<String, Double> diagnostics) {
        List<Parameter> params = new ArrayList<>();
        for (NamedParameter p : posterior.parameters()) {
            List<Integer> shape = new ArrayList<>();
            for (int s : p.shape()) {
                shape.add(s);
            }
            params.add(new Parameter(p.name(), shape, ObservationMapper.toList(p.values())));
        }
        List<Summary> summaries = summaries(posterior.summaries());
        return PosteriorSnapshot.newBuilder()
                .setModel(h.model())
                .setKey(h.key())
                .setModelType(h.modelType())
                .setMode(h.mode())
                .setStep(h.step())
                .setObservationsSeen(h.observationsSeen())
                .setEffectiveDataSize(h.effectiveDataSize())
                .setRho(h.rho())
                .setElbo(h.elbo())
                .setLastEventTime(h.lastEventTime())
                .setDistribution(new Distribution(posterior.family(), params))
                .setSummaries(summaries)
                .setPredictive(summaries(posterior.predictive()))
                .setDiagnostics(Map.copyOf(diagnostics))
                // set, not defaulted: Avro builds a record-typed default by decoding it, which needs
                // the generated package trusted (AvroTrust) before any codec may have been created
                .setTopics(List.of())
                .build();
    }
}
