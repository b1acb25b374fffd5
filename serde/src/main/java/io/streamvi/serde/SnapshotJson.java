package io.streamvi.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.avro.Parameter;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Summary;
import io.streamvi.avro.Topic;
import io.streamvi.avro.TopicWord;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot as one line of JSON, for people and scripts ({@code subscribe}, {@code demo}).
 * Field names are those of the Avro schema; parameters and summaries are keyed by name:
 * <pre>
 * {"model":"conversion","key":"B","modelType":"beta-bernoulli","mode":"exact","step":12,...,
 *  "distribution":{"family":"Beta","parameters":{"alpha":31.0,"beta":270.0}},
 *  "summaries":{"theta":{"mean":0.103,"sd":0.017,"lower95":0.071,"median":0.102,"upper95":0.139}},
 *  "diagnostics":{}}
 * </pre>
 * A parameter that is not a scalar is written as {"shape":[..],"values":[..]} (row-major). Topic
 * models add {@code "topics":[{"index":0,"lambdaTotal":..,"words":[{"wordId":7,"word":"file","weight":0.031},..]},..]}.
 */
public final class SnapshotJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotJson() {
    }

    private static void putSummaries(ObjectNode node, java.util.List<Summary> list) {
        for (Summary m : list) {
            node.putObject(m.getName())
                    .put("mean", m.getMean())
                    .put("sd", m.getSd())
                    .put("lower95", m.getLower95())
                    .put("median", m.getMedian())
                    .put("upper95", m.getUpper95());
        }
    }

    public static String write(PosteriorSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", s.getModel());
        root.put("key", s.getKey());
        root.put("modelType", s.getModelType());
        root.put("mode", s.getMode());
        root.put("step", s.getStep());
        root.put("observationsSeen", s.getObservationsSeen());
        root.put("effectiveDataSize", s.getEffectiveDataSize());
        root.put("rho", s.getRho());
        root.put("elbo", s.getElbo());
        root.put("lastEventTime", s.getLastEventTime());
        ObjectNode dist = root.putObject("distribution");
        dist.put("family", s.getDistribution().getFamily());
        ObjectNode params = dist.putObject("parameters");
        for (Parameter p : s.getDistribution().getParameters()) {
            if (p.getShape().isEmpty() && p.getValues().size() == 1) {
                params.put(p.getName(), p.getValues().get(0));
            } else {
                ObjectNode o = params.putObject(p.getName());
                ArrayNode shape = o.putArray("shape");
                p.getShape().forEach(shape::add);
                ArrayNode values = o.putArray("values");
                p.getValues().forEach(values::add);
            }
        }
        putSummaries(root.putObject("summaries"), s.getSummaries());
        if (!s.getPredictive().isEmpty()) {
            putSummaries(root.putObject("predictive"), s.getPredictive());
        }
        ObjectNode diagnostics = root.putObject("diagnostics");
        for (Map.Entry<String, Double> e : new TreeMap<>(s.getDiagnostics()).entrySet()) {
            diagnostics.put(e.getKey(), e.getValue());
        }
        if (!s.getTopics().isEmpty()) {
            ArrayNode topics = root.putArray("topics");
            for (Topic t : s.getTopics()) {
                ObjectNode topic = topics.addObject().put("index", t.getIndex()).put("lambdaTotal", t.getLambdaTotal());
                ArrayNode words = topic.putArray("words");
                for (TopicWord w : t.getWords()) {
                    ObjectNode word = words.addObject().put("wordId", w.getWordId());
                    if (w.getWord() != null) {
                        word.put("word", w.getWord());
                    }
                    word.put("weight", w.getWeight());
                }
            }
        }
        return root.toString();
    }
}
