package io.streamvi.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of the wire contract, kept as resources under
 * {@code io/streamvi/avro/history/vN/}. Decoders register every one of them as a known writer
 * schema, so that records written by an earlier release (stored state, snapshots, events) are
 * still read after the schema evolves. A release that changes an {@code .avsc} adds a new
 * {@code vN} directory with the new files.
 */
public final class SchemaHistory {

    /** The released versions, oldest first. */
    public static final List<String> VERSIONS = List.of("v1");

    private SchemaHistory() {
    }

    /** Every released version of the named record (e.g. {@code StoredState}), oldest first. */
    public static List<Schema> versionsOf(String recordName) {
        List<Schema> schemas = new ArrayList<>();
        for (String version : VERSIONS) {
            Schema.Parser parser = new Schema.Parser();
            if (!"ObservationEvent".equals(recordName)) {
                parse(parser, version, "ObservationEvent"); // defines the payload types others refer to
            }
            schemas.add(parse(parser, version, recordName));
        }
        return schemas;
    }

    private static Schema parse(Schema.Parser parser, String version, String recordName) {
        String path = "/io/streamvi/avro/history/" + version + "/" + recordName + ".avsc";
        try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
