package io.streamvi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamvi.deploy.demo.Demo;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The configuration files shipped in deploy/ (and the demo's) are valid, and the copies agree. */
class DeployConfigTest {

    private static final Path CONFIG_DIR = Path.of("config");

    @Test
    void everyShippedConfigurationLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONFIG_DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no configuration files found in " + CONFIG_DIR.toAbsolutePath());
        for (Path file : files) {
            AppConfig config = ConfigLoader.load(file);
            StreamviApp.streamsProperties(config); // the kafka section is valid for Kafka Streams too
            assertFalse(config.models().isEmpty(), file.toString());
        }
        StreamviApp.streamsProperties(Demo.builtInConfig());
    }

    @Test
    void kubernetesConfigMapCarriesTheExampleVerbatim() throws Exception {
        var configMap = new ObjectMapper(new YAMLFactory()).readTree(Path.of("k8s", "configmap.yaml").toFile());
        assertEquals(Files.readString(CONFIG_DIR.resolve("example.yaml")), configMap.at("/data/streamvi.yaml").asText());
    }
}
