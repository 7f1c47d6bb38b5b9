package io.rhwatch.cli.up;

import io.rhwatch.cli.client.AggregatorClient.Point;
import io.rhwatch.cli.process.Supervisor;
import io.rhwatch.core.scoring.RhAuc;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveTableTest {

    private static final URI AGGREGATOR = URI.create("http://localhost:8080");
    private static final List<Integer> BUDGETS = List.of(0, 50, 100, 600);
    private static final List<String> KINDS = List.of("clean", "blank_image", "random_image", "text_removal");

    private final LiveTable unicode = new LiveTable(true);
    private final LiveTable ascii = new LiveTable(false);

    @Test
    void rendersProgressAccuracyPerLevelAndRhAucOfEveryModel() {
        RunView view = view(List.of(
                new RunView.ModelView("rh-sim-steady", 800, 1600, 0.7421, 0.8614, "", List.of(
                        point(0, 0.40, 0.92), point(50, 0.456, 0.91), point(600, 0.85, 0.801))),
                RunView.ModelView.notYetJudged("rh-sim-drifty", 1600)), Map.of());

        List<String> lines = ascii.render(view);

        assertThat(lines).containsSubsequence(
                "rhwatch up - aggregator API http://localhost:8080 - 1m 05s",
                "100 samples x 4 probes x 4 budget levels, per model",
                "  probes: clean, blank_image, random_image, text_removal",
                "  accuracy below: clean probes, by thinking budget in tokens",
                "",
                "rh-sim-steady          [############............] 800/1600 50%",
                "  RH-AUC 0.742   rh_auc_raw 0.861",
                "  budget               0    50   100   600",
                "  reasoning          40%   46%     -   85%",
                "  perception         92%   91%     -   80%",
                "",
                "rh-sim-drifty          [........................] 0/1600 0%",
                "  RH-AUC -   rh_auc_raw -",
                "  budget               0    50   100   600",
                "  reasoning            -     -     -     -",
                "  perception           -     -     -     -");
    }

    @Test
    void aReasonExplainsAMissingRhAucAndWrapsWithinEightyColumns() {
        RunView view = view(List.of(new RunView.ModelView("rh-sim-drifty", 64, 1600, null, null,
                RhAuc.FLAT_REASONING + " " + RhAuc.TOO_FEW_LEVELS, List.of(point(0, 0.5, 0.9)))), Map.of());

        List<String> lines = unicode.render(view);

        assertThat(lines).contains("  RH-AUC \u2013   rh_auc_raw \u2013");
        assertThat(String.join(" ", lines).replaceAll("\\s+", " "))
                .contains("why: " + RhAuc.FLAT_REASONING + " " + RhAuc.TOO_FEW_LEVELS);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(LiveTable.WIDTH));
        assertThat(lines.stream().filter(l -> l.startsWith("  why: ") || l.startsWith("       ")).count())
                .as("the reason takes more than one line").isGreaterThan(1);
    }

    @Test
    void showsDeadLettersOnlyWhenThereAreSome() {
        RunView.ModelView model = new RunView.ModelView("m", 10, 10, 0.5, 0.5, "", List.of());

        assertThat(String.join("\n", ascii.render(view(List.of(model), Map.of("rh.dlq.judge", 0L))))).doesNotContain("dead letters");
        assertThat(ascii.render(view(List.of(model), Map.of("rh.dlq.judge", 0L, "rh.dlq.inference", 3L, "rh.dlq.aggregator", 1L))))
                .contains("dead letters: rh.dlq.aggregator 1, rh.dlq.inference 3 (see the logs)");
    }

    @Test
    void marksModelsThatAreDoneAndWarnsAboutJudgmentsBeyondTheBenchmark() {
        List<String> lines = ascii.render(view(List.of(
                new RunView.ModelView("a", 1600, 1600, 0.5, 0.6, "", List.of()),
                new RunView.ModelView("b", 1610, 1600, 0.5, 0.6, "", List.of())), Map.of()));

        assertThat(lines).contains(
                "a                      [########################] 1600/1600 100% done",
                "b                      [########################] 1610/1600 100% WARNING +10 duplicates");
        assertThat(String.join("\n", lines)).doesNotContain("1610/1600 100% done");
    }

    @Test
    void moreJudgmentsThanTheBenchmarkYieldsIsNeverCompletion() {
        RunView exact = view(List.of(new RunView.ModelView("a", 1600, 1600, 0.5, 0.6, "", List.of())), Map.of());
        RunView over = view(List.of(
                new RunView.ModelView("a", 1600, 1600, 0.5, 0.6, "", List.of()),
                new RunView.ModelView("b", 1610, 1600, 0.5, 0.6, "", List.of())), Map.of());

        assertThat(exact.done()).isTrue();
        assertThat(exact.duplicatesWarning()).isNull();
        assertThat(over.done()).as("a model with duplicates is not done").isFalse();
        assertThat(over.duplicatesWarning())
                .isEqualTo("more judgments than the benchmark yields, so some are duplicates: b has 1610 of 1600");
    }

    @Test
    void asciiTableUsesOnlyAsciiAndTheUnicodeOneDrawsBlocks() {
        RunView view = view(List.of(new RunView.ModelView("rh-sim-steady", 400, 1600, 0.75, 0.8, "", List.of(point(0, 0.4, 0.9)))),
                Map.of("rh.dlq.judge", 2L));

        assertThat(String.join("\n", ascii.render(view))).matches("\\p{ASCII}*");
        assertThat(unicode.render(view)).contains(
                "rh-sim-steady          [\u2588\u2588\u2588\u2588\u2588\u2588\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591"
                        + "\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591] 400/1600 25%");
    }

    @Test
    void summaryLineCarriesProgressRhAucDeadLettersAndNotices() {
        RunView view = new RunView(AGGREGATOR, 100, BUDGETS, KINDS, List.of(
                new RunView.ModelView("rh-sim-steady", 800, 1600, 0.7421, 0.86, "", List.of()),
                RunView.ModelView.notYetJudged("rh-sim-drifty", 1600)),
                Map.of("rh.dlq.inference", 2L), Duration.ofSeconds(42), "the aggregator did not answer", List.of());

        assertThat(ascii.summaryLine(view)).isEqualTo("[42s] rh-sim-steady 800/1600 50% RH-AUC 0.742 | "
                + "rh-sim-drifty 0/1600 0% RH-AUC - | dead letters 2 | note: the aggregator did not answer");
    }

    @Test
    void restartedProcessesShowWithTheirCountAndLastExitStatusAndTheOthersDoNot() {
        RunView view = new RunView(AGGREGATOR, 100, BUDGETS, KINDS, List.of(RunView.ModelView.notYetJudged("rh-sim-steady", 1600)),
                Map.of(), Duration.ofSeconds(42), null, List.of(
                new Supervisor.Restarts("ingestion", 0, null, true),
                new Supervisor.Restarts("judge", 2, 137, true),
                new Supervisor.Restarts("aggregator", 0, 1, false)));

        assertThat(ascii.render(view)).contains("restarts: judge 2 (last exit 137), aggregator 0 (last exit 1, restarting)");
        assertThat(ascii.summaryLine(view)).isEqualTo("[42s] rh-sim-steady 0/1600 0% RH-AUC - | "
                + "restarts: judge 2 (last exit 137), aggregator 0 (last exit 1, restarting)");
        assertThat(String.join("\n", ascii.render(view(view.models(), Map.of())))).doesNotContain("restarts");
    }

    @Test
    void redrawMovesBackOverThePreviousTableAndClearsIt() {
        String nl = System.lineSeparator();

        assertThat(LiveTable.redraw(0, List.of("a", "b"))).isEqualTo("a" + nl + "b" + nl);
        assertThat(LiveTable.redraw(7, List.of("a"))).isEqualTo("\u001b[7A\r\u001b[J" + "a" + nl);
    }

    @Test
    void elapsedTimeReadsNaturally() {
        assertThat(LiveTable.elapsed(Duration.ofSeconds(9))).isEqualTo("9s");
        assertThat(LiveTable.elapsed(Duration.ofSeconds(65))).isEqualTo("1m 05s");
        assertThat(LiveTable.elapsed(Duration.ofMinutes(20))).isEqualTo("20m 00s");
        assertThat(LiveTable.elapsed(Duration.ofMinutes(125))).isEqualTo("2h 05m");
    }

    @Test
    void wrapBreaksAtSpacesAndKeepsLongWordsWhole() {
        String path = "/a/" + "x".repeat(90);

        assertThat(LiveTable.wrap("note: ", "see " + path + " now", "  ")).containsExactly("note: see", "  " + path, "  now");
        assertThat(LiveTable.wrap("note: ", "short", "  ")).containsExactly("note: short");
    }

    private static RunView view(List<RunView.ModelView> models, Map<String, Long> deadLetters) {
        return new RunView(AGGREGATOR, 100, BUDGETS, KINDS, models, deadLetters, Duration.ofSeconds(65), null, List.of());
    }

    private static Point point(int budget, double reasoning, double perception) {
        return new Point(budget, reasoning, null, perception, null, 50, Math.round(reasoning * 50), 50, Math.round(perception * 50));
    }
}
