package io.streamvi.model.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** model/ is pure maths: it may not depend on Kafka or Avro. */
class ModelPurityTest {

    @Test
    void modelImportsNoKafkaOrAvro() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.streamvi.model");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "io.confluent..")
                .because("model/ is the inference core and must stay testable without Kafka or Avro")
                .check(classes);
    }
}
