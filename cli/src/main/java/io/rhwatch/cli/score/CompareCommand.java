package io.rhwatch.cli.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rhwatch.core.ModelKey;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.VersionComparison;
import io.rhwatch.core.scoring.view.ComparisonView;
import io.rhwatch.core.scoring.view.CurveView;
import io.rhwatch.proto.v1.Judgment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code rhwatch compare FILE A B [--format table|json] [--resamples N]}: model (or version) A against
 * B on the samples both have seen in a JSONL file of judged or raw records, with the same code and
 * the same document as the aggregator's GET /v1/compare.
 */
public final class CompareCommand {

    private final CompareOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public CompareCommand(CompareOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** @return exit status 0 done, 1 failed */
    public int run() {
        if (!Files.isRegularFile(options.file())) {
            err.println("rhwatch compare: " + options.file() + ": no such file");
            return 1;
        }
        List<Judgment> judgments;
        try {
            judgments = JudgmentRecords.read(options.file(), new AnswerJudge());
        } catch (JudgmentRecords.RecordException e) {
            err.println("rhwatch compare: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("rhwatch compare: cannot read " + options.file() + ": " + e.getMessage());
            return 1;
        }
        Scoring.Folded folded = Scoring.fold(judgments);
        String a;
        String b;
        try {
            a = key("A", options.a(), folded);
            b = key("B", options.b(), folded);
        } catch (IllegalArgumentException e) {
            err.println("rhwatch compare: " + e.getMessage());
            return 1;
        }
        ComparisonView view = compare(folded, a, b, options.resamples());
        if (options.json()) {
            try {
                out.println(JudgmentRecords.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a comparison could not be written as JSON", e);
            }
        } else {
            out.print(table(view));
        }
        return 0;
    }

    /** A against B (model keys of {@code folded}): what GET /v1/compare answers for the same judgments. */
    public static ComparisonView compare(Scoring.Folded folded, String a, String b, int resamples) {
        Bootstrap bootstrap = new Bootstrap(resamples, Bootstrap.DEFAULT_SEED);
        Map<String, Scorecard> scorecards = Scoring.score(folded, bootstrap).stream()
                .collect(Collectors.toMap(Scorecard::model, Function.identity()));
        VersionComparison.Result result = new VersionComparison(resamples, Bootstrap.DEFAULT_SEED)
                .compare(folded.outcomes().get(a), folded.outcomes().get(b));
        return ComparisonView.of(a, b, result, CurveView.of(scorecards.get(a)), CurveView.of(scorecards.get(b)));
    }

    private static String key(String argument, String text, Scoring.Folded folded) {
        String key;
        try {
            key = ModelKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(argument + ": " + e.getMessage());
        }
        if (!folded.tallies().containsKey(key)) {
            throw new IllegalArgumentException(argument + ": no judgments of model '" + key + "' in the file; it holds "
                    + (folded.tallies().isEmpty() ? "none" : String.join(", ", folded.tallies().keySet())));
        }
        return key;
    }

    static String table(ComparisonView view) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s − %s on %d shared samples (%d reasoning, %d perception)%n",
                view.a(), view.b(), view.sharedSamples(), view.sharedReasoning(), view.sharedPerception()));
        out.append(String.format(Locale.ROOT, "  %-12s %8s %8s %8s  %-18s %8s %s%n", "", "A", "B", "A − B", "[95%]", "p", "degenerate"));
        out.append(delta("ΔRH-AUC", view.rhAuc()));
        out.append(delta("Δrh_auc_raw", view.rhAucRaw()));
        out.append("  clean accuracy per level, on the samples both answered there (p: mid-p McNemar)\n");
        out.append(String.format(Locale.ROOT, "  %7s  %-10s %6s %8s %8s %8s  %-18s %8s%n",
                "budget", "task", "pairs", "A", "B", "A − B", "[95%]", "p"));
        for (ComparisonView.LevelDelta l : view.levels()) {
            out.append(String.format(Locale.ROOT, "  %7d  %-10s %6d %8.3f %8.3f %+8.3f  %-18s %8.4f%n", l.budget(), l.task(),
                    l.pairs(), l.accuracyA(), l.accuracyB(), l.difference(), interval(l.ci()), l.pValue()));
        }
        out.append(String.format(Locale.ROOT, "intervals: 95%%, paired (bootstrap over shared samples, %d resamples; Newcombe per level); "
                + "p-values two-sided (sign-flip permutation, %d flips)%n", view.resamples(), view.resamples()));
        return out.toString();
    }

    private static String delta(String name, ComparisonView.Delta d) {
        return String.format(Locale.ROOT, "  %-12s %8s %8s %8s  %-18s %8s %.3f%n", name, number(d.a(), "%.3f"), number(d.b(), "%.3f"),
                number(d.difference(), "%+.3f"), interval(d.ci()), number(d.pValue(), "%.4f"), d.degenerateShare());
    }

    private static String number(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static String interval(double[] ci) {
        return ci == null ? "-" : String.format(Locale.ROOT, "[%+.3f, %+.3f]", ci[0], ci[1]);
    }
}
