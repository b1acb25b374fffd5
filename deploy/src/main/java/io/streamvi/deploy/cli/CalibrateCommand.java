package io.streamvi.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.deploy.report.HtmlReport;
import io.streamvi.deploy.report.Svg;
import io.streamvi.model.check.CalibrationScenarios;
import io.streamvi.model.check.SimulationBasedCalibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", description = {
    "Simulation-based calibration: draw parameters from the prior, simulate data, fit, and report the coverage of the",
    "95% intervals and the rank histograms of exact, full-covariance and mean-field fits side by side (JSON on stdout;",
    "an HTML page with --report)."})
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", description = "regression, normal, logistic or all (default ${DEFAULT-VALUE}).",
            defaultValue = "all")
    String scenario;

    @Option(names = "--simulations", description = "Simulated data sets per scenario (default ${DEFAULT-VALUE}).",
            defaultValue = "400")
    int simulations;

    @Option(names = "--draws", description = "Posterior draws per fit for the ranks, L (default ${DEFAULT-VALUE}; bins must divide L + 1).",
            defaultValue = "99")
    int draws;

    @Option(names = "--bins", description = "Rank histogram bins (default ${DEFAULT-VALUE}).", defaultValue = "10")
    int bins;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).", defaultValue = "2018")
    long seed;

    @Option(names = "--report", description = "Directory to write calibration.html into.")
    Path report;

    @Override
    public Integer call() {
        List<String> names = scenario.equals("all") ? CalibrationScenarios.NAMES : List.of(scenario);
        ObjectMapper json = new ObjectMapper();
        ArrayNode out = json.createArrayNode();
        HtmlReport html = new HtmlReport("streamvi simulation-based calibration");
        html.paragraph("For each of " + simulations + " simulations: parameters drawn from the prior, a data set simulated "
                + "from them, each method fitted; coverage is the share of simulations whose true value lies in the fitted "
                + "central 95% interval (calibrated: 0.95 ± " + String.format(Locale.ROOT, "%.3f",
                SimulationBasedCalibration.Calibration.coverageSd(simulations)) + " sd); the rank of the true value among "
                + draws + " draws from the fitted posterior is uniform when calibrated (grey band: 99% range of a uniform "
                + "bin), U-shaped when the posterior is too narrow (Talts et al. 2018).");
        for (String name : names) {
            CalibrationScenarios.Scenario s;
            try {
                s = CalibrationScenarios.named(name);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("streamvi: --scenario: " + e.getMessage());
                return 2;
            }
            List<SimulationBasedCalibration.MethodResult> results =
                    SimulationBasedCalibration.run(s.problem(), s.methods(), simulations, draws, bins, seed);
            ObjectNode node = out.addObject();
            node.put("scenario", name).put("problem", s.problem().name()).put("simulations", simulations)
                    .put("coverageSd", SimulationBasedCalibration.Calibration.coverageSd(simulations));
            ArrayNode methods = node.putArray("methods");
            html.heading(s.problem().name());
            List<List<String>> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Double> coverages = new ArrayList<>();
            List<String> figures = new ArrayList<>();
            double expected = (double) simulations / bins;
            BinomialDistribution binomial = new BinomialDistribution(simulations, 1.0 / bins);
            double band = Math.max(expected - binomial.inverseCumulativeProbability(0.005),
                    binomial.inverseCumulativeProbability(0.995) - expected);
            for (SimulationBasedCalibration.MethodResult m : results) {
                ObjectNode mn = methods.addObject().put("method", m.method());
                ArrayNode params = mn.putArray("parameters");
                for (SimulationBasedCalibration.Calibration c : m.parameters()) {
                    ObjectNode pn = params.addObject().put("parameter", c.parameter()).put("coverage", c.coverage())
                            .put("uniformityPValue", c.uniformityPValue());
                    ArrayNode ranks = pn.putArray("ranks");
                    for (int r : c.ranks()) {
                        ranks.add(r);
                    }
                    rows.add(List.of(m.method(), c.parameter(), String.format(Locale.ROOT, "%.3f", c.coverage()),
                            String.format(Locale.ROOT, "%.3g", c.uniformityPValue())));
                    labels.add(m.method() + " " + c.parameter());
                    coverages.add(c.coverage());
                    figures.add(Svg.histogram(m.method() + ": ranks of " + c.parameter(), "rank bin", c.ranks(), expected, band));
                }
            }
            html.table(List.of("method", "parameter", "95% coverage", "rank uniformity p"), rows);
            html.figures(List.of(Svg.bars("coverage of the central 95% intervals", "coverage", labels,
                    coverages.stream().mapToDouble(Double::doubleValue).toArray(), 0.95, 0, 1)));
            html.figures(figures);
        }
        spec.commandLine().getOut().println(out.toPrettyString());
        spec.commandLine().getOut().flush();
        if (report != null) {
            Path file = html.write(report, "calibration.html");
            spec.commandLine().getErr().println("streamvi: report written to " + file);
        }
        return 0;
    }
}
