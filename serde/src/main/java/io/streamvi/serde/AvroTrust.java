package io.streamvi.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes it does not trust. streamvi trusts exactly its own
 * generated package, {@code io.streamvi.avro}, on top of Avro's defaults: never "trust
 * everything", since decoding untrusted bytes must not be able to name arbitrary classes.
 */
public final class AvroTrust {

    /** The package of the generated records. */
    public static final String GENERATED_PACKAGE = "io.streamvi.avro";

    private static final ClassSecurityPredicate OWN_RECORDS =
            c -> c.getPackageName().equals(GENERATED_PACKAGE);

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Adds the generated package to Avro's global trust list (idempotent). */
    public static synchronized void install() {
        if (!installed) {
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), OWN_RECORDS));
            installed = true;
        }
    }
}
