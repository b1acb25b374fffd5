package io.streamvi.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.deploy.report.HtmlReport;
import io.streamvi.deploy.report.Svg;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.evaluation.Evaluation;
import io.streamvi.model.evaluation.ParameterComparison;
import io.streamvi.model.mcmc.DrawsSummary;
import io.streamvi.model.mcmc.NutsSettings;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.EventFormatException;
import io.streamvi.serde.EventJson;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.config.ModelConfig;
import io.streamvi.topology.offline.OfflineFit;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.hipparchus.distribution.continuous.NormalDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", description = {
    "Compare a model's variational posterior with MCMC on the same data: fit the events as `fit` does, run NUTS on the",
    "exact log posterior, and report per parameter the VI mean error in MCMC sds, the sd ratio and the 95%-interval",
    "overlap, R-hat and ESS, PSIS k-hat of q, and the held-out log predictive density (JSON on stdout; an HTML page",
    "with --report)."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The configuration file.")
    Path config;

    @Option(names = "--input", required = true, description = "JSON-lines file of events (the data).")
    String input;

    @Option(names = "--model", required = true, description = "The model to evaluate.")
    String model;

    @Option(names = "--key", description = "The key to evaluate (needed when the model has several in the input).")
    String key;

    @Option(names = "--passes", description = "Passes of the fit over the input (default ${DEFAULT-VALUE}); the exact posterior sees the data once.",
            defaultValue = "1")
    int passes;

    @Option(names = "--held-out", description = "JSON-lines file of held-out events, for the log predictive density.")
    String heldOut;

    @Option(names = "--chains", defaultValue = "4", description = "NUTS chains (default ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--warmup", defaultValue = "1000", description = "NUTS warm-up iterations per chain (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--draws", defaultValue = "1000", description = "NUTS draws per chain (default ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--vi-draws", defaultValue = "4000", description = "Draws from q (default ${DEFAULT-VALUE}).")
    int viDraws;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", description = "Directory to write evaluation.html into.")
    Path report;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = ConfigLoader.load(config);
        ModelConfig m = cfg.models().get(model);
        if (m == null) {
            return usage("--model: no model '" + model + "' in " + config + " (models: " + cfg.models().keySet() + ")");
        }
        if (!(m.model() instanceof Evaluable evaluable) || evaluable.evaluationUnsupported() != null) {
            return usage("--model: " + (m.model() instanceof Evaluable e ? e.evaluationUnsupported()
                    : "model type '" + m.model().type() + "' cannot be evaluated against MCMC"));
        }
        if (passes < 1) {
            return usage("--passes: must be >= 1 (was " + passes + ")");
        }
        List<String> lines;
        try (BufferedReader in = Inputs.open(input)) {
            lines = in.lines().toList();
        }
        TreeSet<String> keys = new TreeSet<>();
        for (String line : lines) {
            ObservationEvent e = parse(line);
            if (e != null && e.getModel().equals(model)) {
                keys.add(e.getKey());
            }
        }
        if (key == null) {
            if (keys.size() != 1) {
                return usage("--key: " + (keys.isEmpty() ? "no event of model '" + model + "' in " + input
                        : "model '" + model + "' has several keys in the input, choose one of " + keys));
            }
            key = keys.first();
        } else if (!keys.contains(key)) {
            return usage("--key: no event of " + model + "/" + key + " in " + input);
        }
        List<Observation> data = observations(lines, m);
        List<Observation> held = new ArrayList<>();
        if (heldOut != null) {
            try (BufferedReader in = Inputs.open(heldOut)) {
                held = observations(in.lines().toList(), m);
            }
        }
        List<Double> elbos = new ArrayList<>();
        VariationalState[] last = new VariationalState[1];
        StringBuilder all = new StringBuilder();
        for (int p = 0; p < passes; p++) {
            lines.forEach(l -> all.append(l).append('\n'));
        }
        OfflineFit.fit(cfg, new BufferedReader(new StringReader(all.toString())), (name, k, batch, result) -> {
            if (name.equals(model) && k.equals(key)) {
                elbos.add(result.diagnostics().elbo());
                last[0] = result.state();
            }
        });
        NutsSettings settings = NutsSettings.of(chains, warmup, draws, seed).withParallelChains(true);
        Evaluation.Result r = Evaluation.run(evaluable, last[0], data, held, settings, viDraws);
        ObjectNode json = json(m, data.size(), held.size(), settings, r);
        spec.commandLine().getOut().println(json.toPrettyString());
        spec.commandLine().getOut().flush();
        if (report != null) {
            Path file = report(m, data.size(), r, elbos).write(report, "evaluation.html");
            spec.commandLine().getErr().println("streamvi: report written to " + file);
        }
        return 0;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("streamvi: " + message);
        return 2;
    }

    private static ObservationEvent parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return EventJson.parse(line);
        } catch (EventFormatException e) {
            return null;
        }
    }

    /** The valid observations of (model, key) in {@code lines}, in order (what the fit applies). */
    private List<Observation> observations(List<String> lines, ModelConfig m) {
        List<Observation> out = new ArrayList<>();
        for (String line : lines) {
            ObservationEvent e = parse(line);
            if (e != null && e.getModel().equals(model) && e.getKey().equals(key)) {
                Observation o = ObservationMapper.toModel(e.getPayload());
                if (m.model().validate(o) == null) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private ObjectNode json(ModelConfig m, int n, int held, NutsSettings settings, Evaluation.Result r) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("model", model).put("key", key).put("type", m.model().type()).put("observations", n).put("passes", passes);
        json.putObject("nuts").put("chains", settings.chains()).put("warmup", settings.warmup()).put("draws", settings.draws())
                .put("divergences", r.divergences()).put("maxTreeDepthHits", r.maxTreeDepthHits());
        json.putObject("psis").put("khat", r.psis().k()).put("reading", r.psis().reading().name().toLowerCase(Locale.ROOT));
        if (held > 0) {
            json.putObject("heldOut").put("observations", held).put("lpdVi", r.heldOutLpdVi()).put("lpdMcmc", r.heldOutLpdMcmc());
        }
        ArrayNode params = json.putArray("parameters");
        for (int j = 0; j < r.comparisons().size(); j++) {
            ParameterComparison c = r.comparisons().get(j);
            DrawsSummary d = r.mcmc().get(j);
            params.addObject().put("name", c.name()).put("viMean", c.viMean()).put("viSd", c.viSd())
                    .put("mcmcMean", c.mcmcMean()).put("mcmcSd", c.mcmcSd()).put("meanErrorInSds", c.meanErrorInSds())
                    .put("sdRatio", c.sdRatio()).put("intervalOverlap", c.intervalOverlap()).put("rhat", d.rhat())
                    .put("essBulk", d.essBulk()).put("essTail", d.essTail());
        }
        return json;
    }

    private HtmlReport report(ModelConfig m, int n, Evaluation.Result r, List<Double> elbos) {
        HtmlReport html = new HtmlReport("streamvi evaluation: " + model + "/" + key);
        html.paragraph(m.model().type() + " (" + m.mode().name().toLowerCase(Locale.ROOT) + "), " + n + " observations, "
                + passes + " pass(es). NUTS: " + r.divergences() + " divergences, " + r.maxTreeDepthHits()
                + " tree-depth hits. PSIS k-hat of q: " + String.format(Locale.ROOT, "%.2f", r.psis().k()) + " ("
                + r.psis().reading().name().toLowerCase(Locale.ROOT) + "; below 0.5 good, above 0.7 unreliable — Yao et al. 2018)."
                + (r.heldOut() > 0 ? String.format(Locale.ROOT, " Held-out log predictive density over %d events: VI %.2f, MCMC %.2f.",
                r.heldOut(), r.heldOutLpdVi(), r.heldOutLpdMcmc()) : ""));
        List<List<String>> rows = new ArrayList<>();
        for (int j = 0; j < r.comparisons().size(); j++) {
            ParameterComparison c = r.comparisons().get(j);
            DrawsSummary d = r.mcmc().get(j);
            rows.add(List.of(c.name(), f(c.viMean()), f(c.viSd()), f(c.mcmcMean()), f(c.mcmcSd()), f(c.meanErrorInSds()),
                    f(c.sdRatio()), f(c.intervalOverlap()), String.format(Locale.ROOT, "%.3f", d.rhat()),
                    String.format(Locale.ROOT, "%.0f", d.essBulk())));
        }
        html.table(List.of("parameter", "VI mean", "VI sd", "MCMC mean", "MCMC sd", "mean error (MCMC sds)", "sd ratio",
                "95% overlap", "R-hat", "ESS bulk"), rows);
        double[] steps = new double[elbos.size()];
        double[] values = new double[elbos.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
            values[i] = elbos.get(i);
        }
        List<Svg.Series> calibration = new ArrayList<>();
        double[] levels = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        calibration.add(new Svg.Series("ideal", levels, levels, "#999999"));
        List<String> figures = new ArrayList<>();
        figures.add(Svg.lines("ELBO per step", "step", "ELBO", List.of(new Svg.Series("ELBO", steps, values, "#1f77b4"))));
        for (int j = 0; j < r.comparisons().size(); j++) {
            ParameterComparison c = r.comparisons().get(j);
            double[] mcmc = column(r.mcmcDraws(), j);
            figures.add(marginal(c, mcmc));
            double[] share = new double[levels.length];
            NormalDistribution q = new NormalDistribution(c.viMean(), c.viSd());
            for (int l = 0; l < levels.length; l++) {
                double lo = q.inverseCumulativeProbability(0.5 - levels[l] / 2);
                double hi = q.inverseCumulativeProbability(0.5 + levels[l] / 2);
                int inside = 0;
                for (double x : mcmc) {
                    inside += x >= lo && x <= hi ? 1 : 0;
                }
                share[l] = (double) inside / mcmc.length;
            }
            if (j < 6) {
                calibration.add(new Svg.Series(c.name(), levels, share, Svg.PALETTE[j % Svg.PALETTE.length]));
            }
        }
        figures.add(1, Svg.lines("calibration: MCMC mass inside q's central intervals", "q's interval level",
                "share of MCMC draws", calibration));
        html.figures(figures);
        return html;
    }

    /** q's normal density against a histogram density of the MCMC draws. */
    private static String marginal(ParameterComparison c, double[] mcmc) {
        double lo = Math.min(c.mcmcMean() - 4 * c.mcmcSd(), c.viMean() - 4 * c.viSd());
        double hi = Math.max(c.mcmcMean() + 4 * c.mcmcSd(), c.viMean() + 4 * c.viSd());
        int bins = 40;
        double width = (hi - lo) / bins;
        double[] x = new double[bins];
        double[] histogram = new double[bins];
        for (double v : mcmc) {
            int b = (int) Math.floor((v - lo) / width);
            if (b >= 0 && b < bins) {
                histogram[b] += 1.0 / (mcmc.length * width);
            }
        }
        double[] vi = new double[bins];
        NormalDistribution q = new NormalDistribution(c.viMean(), c.viSd());
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (b + 0.5) * width;
            vi[b] = q.density(x[b]);
        }
        return Svg.lines(c.name() + ": marginal posterior", c.name(), "density",
                List.of(new Svg.Series("MCMC (NUTS)", x, histogram, "#333333"), new Svg.Series("VI q", x, vi, "#d62728")));
    }

    private static double[] column(double[][] draws, int j) {
        double[] out = new double[draws.length];
        for (int s = 0; s < draws.length; s++) {
            out[s] = draws[s][j];
        }
        return out;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
