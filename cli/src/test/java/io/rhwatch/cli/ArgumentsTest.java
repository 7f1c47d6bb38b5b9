package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateOptions;
import io.rhwatch.cli.score.ExportOptions;
import io.rhwatch.cli.score.ScoreOptions;
import io.rhwatch.cli.up.UpOptions;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void upWithoutOptionsUsesTheDefaults() throws UsageException {
        UpOptions up = up("up");

        assertThat(up.once()).isFalse();
        assertThat(up.samples()).isEqualTo(200);
        assertThat(up.seed()).isEqualTo(7);
        assertThat(up.port()).as("no --port: 8080, or a free port when it is taken").isNull();
        assertThat(up.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(up.budgets()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);
        assertThat(up.corruptions()).containsExactly(
                Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL);
    }

    @Test
    void upReadsEveryOptionInBothSpellings() throws UsageException {
        UpOptions up = up("up", "--once", "--samples", "20", "--seed=3", "--port", "0", "--timeout=1h30m",
                "--budgets", "100,0,50", "--corruptions", "text-removal,blank_image");

        assertThat(up.once()).isTrue();
        assertThat(up.samples()).isEqualTo(20);
        assertThat(up.seed()).isEqualTo(3);
        assertThat(up.port()).isZero();
        assertThat(up.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(up.budgets()).as("levels are sorted").containsExactly(0, 50, 100);
        assertThat(up.corruptions()).containsExactly(Corruption.CORRUPTION_TEXT_REMOVAL, Corruption.CORRUPTION_BLANK_IMAGE);
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "20m,1200", "1h,3600", "1h30m,5400", "2m5s,125", "PT5M,300", "pt1h,3600"})
    void timeoutAcceptsShortAndIsoDurations(String text, long seconds) throws UsageException {
        assertThat(up("up", "--timeout", text).timeout()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void generateNeedsAnOutputDirectory() throws UsageException {
        Command command = Arguments.parse("generate", "--out", "bench", "--samples", "12");

        assertThat(command).isEqualTo(new Command.Generate(new GenerateOptions(Path.of("bench"), 12, 7)));
        assertThatThrownBy(() -> Arguments.parse("generate", "--samples", "12"))
                .hasMessage("generate needs --out DIR, the directory to write the benchmark to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpIsRecognisedAloneAndAfterACommand(String help) throws UsageException {
        assertThat(Arguments.parse(help)).isInstanceOf(Command.Help.class);
        assertThat(Arguments.parse("up", "--once", help)).isInstanceOf(Command.Help.class);
    }

    @Test
    void usageNamesEveryOptionOfUp() {
        for (String option : List.of("--once", "--samples", "--seed", "--port", "--timeout", "--budgets", "--corruptions", "--out")) {
            assertThat(Arguments.USAGE).contains(option);
        }
    }

    @Test
    void badCommandLinesAreRefusedWithTheOptionAndTheLimit() {
        assertRefused("no command given; expected 'up', 'generate', 'score' or 'export-judgments'");
        assertRefused("unknown command 'down'; expected 'up', 'generate', 'score' or 'export-judgments'", "down");
        assertRefused("unknown option '--sample' for 'up'; its options are --budgets, --corruptions, --keep-judgments, --once, --port, "
                + "--samples, --seed, --timeout", "up", "--sample", "5");
        assertRefused("unexpected argument '5' for 'up'; its options are --budgets, --corruptions, --keep-judgments, --once, --port, "
                + "--samples, --seed, --timeout", "up", "5");
        assertRefused("--samples must be a whole number between 1 and 10000, got 'many'", "up", "--samples", "many");
        assertRefused("--samples must be between 1 and 10000, got 0", "up", "--samples", "0");
        assertRefused("--samples must be between 1 and 10000, got 10001", "up", "--samples", "10001");
        assertRefused("--samples needs a value", "up", "--samples");
        assertRefused("--samples needs a value", "up", "--samples", "--once");
        assertRefused("--samples is given twice", "up", "--samples", "3", "--samples=4");
        assertRefused("--port must be between 0 and 65535, got 70000", "up", "--port", "70000");
        assertRefused("--timeout must be a duration like 90s, 20m, 1h or 1h30m, got '20'", "up", "--timeout", "20");
        assertRefused("--timeout must be longer than zero, got '0s'", "up", "--timeout", "0s");
        assertRefused("--once takes no value, got 'yes'", "up", "--once=yes");
        assertRefused("--budgets needs at least two levels (RH-AUC compares levels), got '100'", "up", "--budgets", "100");
        assertRefused("--budgets lists 50 twice", "up", "--budgets", "0,50,50");
        assertRefused("--budgets must be between 0 and 32768, got -5", "up", "--budgets", "0,-5");
        assertRefused("--budgets must be a whole number between 0 and 32768, got ''", "up", "--budgets", "0,,50");
        assertRefused("--corruptions accepts blank_image, random_image, text_removal (the clean probe always runs), got 'clean'",
                "up", "--corruptions", "clean");
        assertRefused("--corruptions accepts blank_image, random_image, text_removal (the clean probe always runs), got ''",
                "up", "--corruptions", "");
        assertRefused("--corruptions lists blank_image twice", "up", "--corruptions", "blank_image,blank-image");
        assertRefused("--out must name a directory, got an empty value", "generate", "--out=");
        assertRefused("unknown option '--once' for 'generate'; its options are --out, --samples, --seed", "generate", "--once");
        assertRefused("--keep-judgments must name a file, got an empty value", "up", "--keep-judgments=");
        assertRefused("--keep-judgments needs a value", "up", "--keep-judgments", "--once");
    }

    @Test
    void upKeepsTheJudgmentsOnlyWhenAskedTo() throws UsageException {
        assertThat(up("up").keepJudgments()).isNull();
        assertThat(up("up", "--once", "--keep-judgments", "run/judgments.jsonl").keepJudgments()).isEqualTo(Path.of("run/judgments.jsonl"));
    }

    @Test
    void scoreReadsAFileAndItsOptionsInEitherOrder() throws UsageException {
        assertThat(Arguments.parse("score", "judged.jsonl"))
                .isEqualTo(new Command.Score(new ScoreOptions(Path.of("judged.jsonl"), false, Bootstrap.DEFAULT_RESAMPLES)));
        assertThat(Arguments.parse("score", "--format", "json", "judged.jsonl", "--resamples=2000"))
                .isEqualTo(new Command.Score(new ScoreOptions(Path.of("judged.jsonl"), true, 2000)));
        assertThat(Arguments.parse("score", "judged.jsonl", "--format=table"))
                .isEqualTo(new Command.Score(new ScoreOptions(Path.of("judged.jsonl"), false, Bootstrap.DEFAULT_RESAMPLES)));
    }

    @Test
    void badScoreCommandLinesNameTheOptionAndTheLimit() {
        assertRefused("no FILE given: the JSONL file of judged or raw records to score", "score");
        assertRefused("no FILE given: the JSONL file of judged or raw records to score", "score", "--format", "json");
        assertRefused("one FILE only, got 'a.jsonl' and 'b.jsonl'", "score", "a.jsonl", "b.jsonl");
        assertRefused("--format must be table or json, got 'csv'", "score", "a.jsonl", "--format", "csv");
        assertRefused("--format needs a value", "score", "a.jsonl", "--format");
        assertRefused("--resamples must be between 1 and 100000, got 0", "score", "a.jsonl", "--resamples=0");
        assertRefused("--resamples must be a whole number between 1 and 100000, got 'many'", "score", "a.jsonl", "--resamples", "many");
        assertRefused("--resamples is given twice", "score", "a.jsonl", "--resamples", "5", "--resamples", "6");
        assertRefused("unknown option '--seed' for 'score'; its options are --format, --resamples", "score", "a.jsonl", "--seed", "3");
    }

    @Test
    void exportJudgmentsNeedsABrokerAndAFile() throws UsageException {
        assertThat(Arguments.parse("export-judgments", "--bootstrap-servers", "localhost:9092", "--out=j.jsonl", "--timeout", "30s"))
                .isEqualTo(new Command.ExportJudgments(new ExportOptions("localhost:9092", Path.of("j.jsonl"), Duration.ofSeconds(30))));
        assertThat(Arguments.parse("export-judgments", "--out", "j.jsonl", "--bootstrap-servers=h:1"))
                .isEqualTo(new Command.ExportJudgments(new ExportOptions("h:1", Path.of("j.jsonl"), ExportOptions.DEFAULT_TIMEOUT)));

        assertRefused("export-judgments needs --bootstrap-servers HOST:PORT, the broker of the mesh to export from",
                "export-judgments", "--out", "j.jsonl");
        assertRefused("--bootstrap-servers must name a broker as HOST:PORT, got an empty value",
                "export-judgments", "--bootstrap-servers=", "--out", "j.jsonl");
        assertRefused("export-judgments needs --out FILE, the JSONL file to write", "export-judgments", "--bootstrap-servers", "h:1");
        assertRefused("--timeout must be a duration like 90s, 20m, 1h or 1h30m, got '30'",
                "export-judgments", "--bootstrap-servers", "h:1", "--out", "f", "--timeout", "30");
        assertRefused("unknown option '--topic' for 'export-judgments'; its options are --bootstrap-servers, --out, --timeout",
                "export-judgments", "--topic", "x");
        assertRefused("unexpected argument 'f' for 'export-judgments'; its options are --bootstrap-servers, --out, --timeout",
                "export-judgments", "f");
    }

    @Test
    void usageListsEveryCommandWithItsOptions() {
        for (String text : List.of("rhwatch score FILE", "rhwatch export-judgments", "--keep-judgments", "--format", "--resamples",
                "--bootstrap-servers")) {
            assertThat(Arguments.USAGE).contains(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"score", "export-judgments"})
    void helpAfterEveryCommandShowsTheUsage(String command) throws UsageException {
        assertThat(Arguments.parse(command, "--help")).isInstanceOf(Command.Help.class);
    }

    @Test
    void mainAnswersUsageErrorsWithStatusTwoAndAHint() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();

        int status = Main.run(new String[]{"up", "--samples", "x"}, new java.io.PrintStream(out), new java.io.PrintStream(err));

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("rhwatch: --samples must be a whole number").contains("rhwatch --help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void mainAnswersAScoreUsageErrorTheSameWay() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();

        int status = Main.run(new String[]{"score", "a.jsonl", "--format", "xml"}, new java.io.PrintStream(out), new java.io.PrintStream(err));

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("rhwatch: --format must be table or json, got 'xml'").contains("rhwatch --help");
        assertThat(out.toString()).isEmpty();
    }

    private static UpOptions up(String... args) throws UsageException {
        Command command = Arguments.parse(args);
        assertThat(command).isInstanceOf(Command.Up.class);
        return ((Command.Up) command).options();
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> Arguments.parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
