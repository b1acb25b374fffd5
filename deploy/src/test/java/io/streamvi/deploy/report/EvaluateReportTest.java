package io.streamvi.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.deploy.cli.StreamviCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `streamvi evaluate` as a user runs it, on a seeded linear regression with correlated features
 * (known noise): the exact posterior agrees with NUTS and has a good k-hat, the fully factorised
 * q shows sd ratios below 1 and an unreliable k-hat; the HTML report renders in headless
 * Chromium with no console message and its plots visible.
 */
class EvaluateReportTest {

    @TempDir
    Path tmp;

    static List<String> events(String model, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            double x0 = 0.95 * z + 0.31 * rng.nextGaussian();
            double x1 = 0.95 * z + 0.31 * rng.nextGaussian();
            double y = 0.5 + 1.0 * x0 - 0.5 * x1 + Math.sqrt(0.5) * rng.nextGaussian();
            out.add(String.format(Locale.ROOT, "{\"model\":\"%s\",\"key\":\"k\",\"eventTime\":%d,"
                    + "\"payload\":{\"Regression\":{\"x\":[%.6f,%.6f],\"y\":%.6f}}}", model, 1000L * i, x0, x1, y));
        }
        return out;
    }

    JsonNode evaluate(String model, Path report, List<String> extra) throws Exception {
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, """
                application: {id: ev, bootstrapServers: 'localhost:9'}
                topics: {observations: o, snapshots: s, deadLetters: d}
                models:
                  exact: {type: linear-regression, mode: exact, features: 2, noise: {variance: 0.5}, batch: {size: 10}}
                  meanfield: {type: linear-regression, mode: cavi, posterior: factorised, features: 2, noise: {variance: 0.5}, batch: {size: 10}}
                """);
        Path input = tmp.resolve(model + ".jsonl");
        Files.write(input, events(model, 60, 5));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StreamviCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("evaluate", "--config", config.toString(), "--input", input.toString(),
                "--model", model, "--chains", "4", "--warmup", "300", "--draws", "500"));
        args.addAll(extra);
        if (report != null) {
            args.addAll(List.of("--report", report.toString()));
        }
        assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void exactAgreesWithNutsAndItsReportRenders() throws Exception {
        Path held = tmp.resolve("held.jsonl");
        Files.write(held, events("exact", 20, 99));
        JsonNode r = evaluate("exact", tmp.resolve("report"), List.of("--held-out", held.toString()));
        assertEquals(60, r.get("observations").asInt());
        assertEquals(0, r.at("/nuts/divergences").asInt());
        assertTrue(r.at("/psis/khat").asDouble() < 0.5, r.get("psis").toString());
        for (JsonNode p : r.get("parameters")) {
            assertEquals(0, p.get("meanErrorInSds").asDouble(), 0.15, p.toString());
            assertEquals(1, p.get("sdRatio").asDouble(), 0.12, p.toString());
            assertTrue(p.get("rhat").asDouble() < 1.01, p.toString());
        }
        assertEquals(r.at("/heldOut/lpdMcmc").asDouble(), r.at("/heldOut/lpdVi").asDouble(), 0.3, r.get("heldOut").toString());

        Path page = tmp.resolve("report/evaluation.html");
        assertEquals(5, Files.readString(page).split("<svg", -1).length - 1, "ELBO, calibration and 3 marginals");
        HeadlessChromium.Render render = HeadlessChromium.render(page, tmp);
        assertEquals(List.of(), render.consoleMessages(), "the page logs nothing: no script error");
        assertTrue(render.inkedShare() > 0.02, "the screenshot is not blank: " + render.inkedShare());
        assertTrue(render.hasColour(0xd62728, 8), "the VI densities are drawn");
    }

    @Test
    void meanFieldShowsNarrowSdsAndAnUnreliableKhat() throws Exception {
        JsonNode r = evaluate("meanfield", null, List.of());
        double minRatio = 1;
        for (JsonNode p : r.get("parameters")) {
            minRatio = Math.min(minRatio, p.get("sdRatio").asDouble());
        }
        assertTrue(minRatio < 0.5, "mean-field sd ratio " + minRatio);
        assertEquals("unreliable", r.at("/psis/reading").asText(), r.get("psis").toString());
    }
}
