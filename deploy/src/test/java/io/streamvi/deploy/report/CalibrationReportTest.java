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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `streamvi calibrate` as a user runs it: the JSON says exact fits cover at 95% and mean-field
 * fits of a correlated posterior do not, and the HTML report renders in headless Chromium with
 * no console message (no script error) and its plots visible.
 */
class CalibrationReportTest {

    @TempDir
    Path tmp;

    @Test
    void calibrateReportsCoverageAndItsPageRenders() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StreamviCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int simulations = 200;
        int rc = cl.execute("calibrate", "--scenario", "regression", "--simulations", String.valueOf(simulations),
                "--report", tmp.toString());
        assertEquals(0, rc, err.toString());
        JsonNode scenario = new ObjectMapper().readTree(out.toString()).get(0);
        double sd = scenario.get("coverageSd").asDouble();
        assertEquals(Math.sqrt(0.95 * 0.05 / simulations), sd, 1e-12);
        JsonNode exact = scenario.at("/methods/0");
        JsonNode meanField = scenario.at("/methods/2");
        assertEquals("exact", exact.get("method").asText());
        assertEquals("mean-field", meanField.get("method").asText());
        for (int i = 0; i < 3; i++) {
            assertEquals(0.95, exact.at("/parameters/" + i + "/coverage").asDouble(), 4 * sd, exact.toString());
            assertTrue(meanField.at("/parameters/" + i + "/coverage").asDouble() < 0.95 - 8 * sd, meanField.toString());
        }

        Path page = tmp.resolve("calibration.html");
        String html = Files.readString(page);
        assertEquals(10, html.split("<svg", -1).length - 1, "one coverage chart and a rank histogram per method and parameter");
        HeadlessChromium.Render render = HeadlessChromium.render(page, tmp);
        assertEquals(java.util.List.of(), render.consoleMessages(), "the page logs nothing: no script error");
        assertTrue(render.inkedShare() > 0.02, "the screenshot is not blank: " + render.inkedShare());
        assertTrue(render.hasColour(0x1f77b4, 6), "the histogram bars are drawn");
    }
}
