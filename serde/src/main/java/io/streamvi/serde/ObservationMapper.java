package io.streamvi.serde;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Category;
import io.streamvi.avro.Count;
import io.streamvi.avro.Document;
import io.streamvi.avro.Regression;
import io.streamvi.avro.RealValue;
import io.streamvi.avro.VectorValue;
import io.streamvi.model.observation.Observation;
import java.util.ArrayList;
import java.util.List;

/** Between the wire payload union and the model's {@link Observation} kinds. */
public final class ObservationMapper {

    private ObservationMapper() {
    }

    /**
     * The model observation for an Avro payload. Throws {@link IllegalArgumentException} with the
     * reason when the payload is not a member of the union or is inconsistent (e.g. a document
     * whose ids and counts differ in length).
     */
    public static Observation toModel(Object payload) {
        if (payload instanceof BinaryOutcome b) {
            return new io.streamvi.model.observation.BinaryOutcome(b.getSuccess());
        } else if (payload instanceof Count c) {
            return new io.streamvi.model.observation.Count(c.getCount(), c.getExposure());
        } else if (payload instanceof RealValue r) {
            return new io.streamvi.model.observation.RealValue(r.getValue());
        } else if (payload instanceof Category c) {
            return new io.streamvi.model.observation.Category(c.getIndex());
        } else if (payload instanceof VectorValue v) {
            return new io.streamvi.model.observation.VectorValue(toArray(v.getValues()));
        } else if (payload instanceof Regression r) {
            return new io.streamvi.model.observation.Regression(toArray(r.getX()), r.getY(), r.getExposure());
        } else if (payload instanceof Document d) {
            if (d.getText() != null && !d.getText().isEmpty()) {
                throw new IllegalArgumentException("Document.text needs a model with a vocabulary; send wordIds/counts");
            }
            return new io.streamvi.model.observation.Document(toIntArray(d.getWordIds()), toIntArray(d.getCounts()));
        }
        throw new IllegalArgumentException("unknown payload type "
                + (payload == null ? "null" : payload.getClass().getName()));
    }

    /** The Avro payload for a model observation (the inverse of {@link #toModel}). */
    public static Object toAvro(Observation o) {
        if (o instanceof io.streamvi.model.observation.BinaryOutcome b) {
            return new BinaryOutcome(b.success());
        } else if (o instanceof io.streamvi.model.observation.Count c) {
            return new Count(c.count(), c.exposure());
        } else if (o instanceof io.streamvi.model.observation.RealValue r) {
            return new RealValue(r.value());
        } else if (o instanceof io.streamvi.model.observation.Category c) {
            return new Category(c.index());
        } else if (o instanceof io.streamvi.model.observation.VectorValue v) {
            return new VectorValue(toList(v.values()));
        } else if (o instanceof io.streamvi.model.observation.Regression r) {
            return new Regression(toList(r.x()), r.y(), r.exposure());
        } else if (o instanceof io.streamvi.model.observation.Document d) {
            return new Document(toIntList(d.wordIds()), toIntList(d.counts()), null);
        }
        throw new IllegalArgumentException("unknown observation " + o);
    }

    /** A list of Avro doubles as an array. */
    public static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /** An array as a list for an Avro array field. */
    public static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static int[] toIntArray(List<Integer> values) {
        int[] a = new int[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static List<Integer> toIntList(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }
}
