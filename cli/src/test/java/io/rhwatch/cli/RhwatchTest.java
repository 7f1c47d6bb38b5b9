package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateOptions;
import io.rhwatch.cli.score.ExportOptions;
import io.rhwatch.cli.score.ScoreOptions;
import io.rhwatch.cli.up.UpOptions;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as picocli reads it: options, defaults from the mesh plan, help, and usage errors naming the option and the limit. */
class RhwatchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void upWithoutOptionsUsesTheDefaultsOfTheMeshPlan() {
        UpOptions up = up();

        assertThat(up.once()).isFalse();
        assertThat(up.samples()).isEqualTo(200);
        assertThat(up.seed()).isEqualTo(7);
        assertThat(up.port()).as("no --port: 8080, or a free port when it is taken").isNull();
        assertThat(up.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(up.budgets()).isEqualTo(MeshPlan.budgets()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);
        assertThat(up.corruptions()).isEqualTo(MeshPlan.corruptions()).containsExactly(
                Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL);
        assertThat(up.keepJudgments()).isNull();
        assertThat(up.listenAddress()).as("this machine only").isEqualTo("127.0.0.1");
    }

    @Test
    void upReadsEveryOptionInBothSpellings() {
        UpOptions up = up("--once", "--samples", "20", "--seed=3", "--port", "0", "--timeout=1h30m",
                "--budgets", "100,0,50", "--corruptions", "text-removal,blank_image", "--keep-judgments", "run/judgments.jsonl",
                "--listen-address", "0.0.0.0");

        assertThat(up.once()).isTrue();
        assertThat(up.samples()).isEqualTo(20);
        assertThat(up.seed()).isEqualTo(3);
        assertThat(up.port()).isZero();
        assertThat(up.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(up.budgets()).as("levels are sorted").containsExactly(0, 50, 100);
        assertThat(up.corruptions()).containsExactly(Corruption.CORRUPTION_TEXT_REMOVAL, Corruption.CORRUPTION_BLANK_IMAGE);
        assertThat(up.keepJudgments()).isEqualTo(Path.of("run/judgments.jsonl"));
        assertThat(up.listenAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void upAcceptsBudgetsUpToTheLimitTheInferenceServiceAccepts() {
        assertThat(up("--budgets", "0," + MeshPlan.MAX_BUDGET).budgets()).containsExactly(0, MeshPlan.MAX_BUDGET);
        assertThat(refused("up", "--budgets", "0," + (MeshPlan.MAX_BUDGET + 1))).isEqualTo(
                "Invalid value for option '--budgets' (L): must be between 0 and 16384, got 16385");
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "20m,1200", "1h,3600", "1h30m,5400", "2m5s,125", "PT5M,300", "pt1h,3600"})
    void timeoutAcceptsShortAndIsoDurations(String text, long seconds) {
        assertThat(up("--timeout", text).timeout()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void generateNeedsAnOutputDirectory() {
        assertThat(((Rhwatch.Generate) parse("generate", "--out", "bench", "--samples", "12")).options())
                .isEqualTo(new GenerateOptions(Path.of("bench"), 12, 7));
        assertThat(refused("generate", "--samples", "12")).isEqualTo("Missing required option: '--out=DIR'");
    }

    @Test
    void scoreReadsAFileAndItsOptionsInEitherOrder() {
        assertThat(((Rhwatch.Score) parse("score", "judged.jsonl")).options())
                .isEqualTo(new ScoreOptions(Path.of("judged.jsonl"), false, Bootstrap.DEFAULT_RESAMPLES));
        assertThat(((Rhwatch.Score) parse("score", "--format", "json", "judged.jsonl", "--resamples=2000")).options())
                .isEqualTo(new ScoreOptions(Path.of("judged.jsonl"), true, 2000));
    }

    @Test
    void exportJudgmentsNeedsABrokerAndAFile() {
        assertThat(((Rhwatch.ExportJudgments) parse("export-judgments", "--bootstrap-servers", "localhost:9092", "--out=j.jsonl",
                "--timeout", "30s")).options())
                .isEqualTo(new ExportOptions("localhost:9092", Path.of("j.jsonl"), Duration.ofSeconds(30)));
        assertThat(((Rhwatch.ExportJudgments) parse("export-judgments", "--out", "j.jsonl", "--bootstrap-servers=h:1")).options())
                .isEqualTo(new ExportOptions("h:1", Path.of("j.jsonl"), Duration.ofMinutes(2)));
    }

    @Test
    void badCommandLinesAreRefusedWithTheOptionAndTheLimit() {
        assertThat(refused()).isEqualTo("no command given; expected 'up', 'generate', 'score', 'compare' or 'export-judgments'");
        assertThat(refused("down")).isEqualTo("Unmatched argument at index 0: 'down'");
        assertThat(refused("up", "--sample", "5")).startsWith("Unknown options: '--sample', '5'");
        assertThat(refused("up", "--samples", "many"))
                .isEqualTo("Invalid value for option '--samples': must be a whole number between 1 and 10000, got 'many'");
        assertThat(refused("up", "--samples", "0")).isEqualTo("Invalid value for option '--samples': must be between 1 and 10000, got 0");
        assertThat(refused("up", "--samples", "10001"))
                .isEqualTo("Invalid value for option '--samples': must be between 1 and 10000, got 10001");
        assertThat(refused("up", "--samples")).isEqualTo("Missing required parameter for option '--samples' (N)");
        assertThat(refused("up", "--samples", "3", "--samples=4")).isEqualTo("option '--samples' (N) should be specified only once");
        assertThat(refused("up", "--port", "70000")).isEqualTo("Invalid value for option '--port': must be between 0 and 65535, got 70000");
        assertThat(refused("up", "--timeout", "20"))
                .isEqualTo("Invalid value for option '--timeout': must be a duration like 90s, 20m, 1h or 1h30m, got '20'");
        assertThat(refused("up", "--timeout", "0s")).isEqualTo("Invalid value for option '--timeout': must be longer than zero, got '0s'");
        assertThat(refused("up", "--budgets", "100"))
                .isEqualTo("--budgets needs at least two levels (RH-AUC compares levels), got [100]");
        assertThat(refused("up", "--budgets", "0,50,50")).isEqualTo("--budgets lists 50 twice");
        assertThat(refused("up", "--budgets", "0,-5")).isEqualTo("Invalid value for option '--budgets' (L): must be between 0 and 16384, got -5");
        assertThat(refused("up", "--corruptions", "clean")).isEqualTo("Invalid value for option '--corruptions' (C): accepts "
                + "blank_image, random_image, text_removal (the clean probe always runs), got 'clean'");
        assertThat(refused("up", "--corruptions", "blank_image,blank-image"))
                .isEqualTo("--corruptions lists blank_image twice");
        assertThat(refused("up", "--keep-judgments="))
                .isEqualTo("Invalid value for option '--keep-judgments': must name a file or directory, got an empty value");
        assertThat(refused("generate", "--once", "--out", "d")).startsWith("Unknown option: '--once'");
        assertThat(refused("score")).isEqualTo("Missing required parameter: 'FILE'");
        assertThat(refused("score", "a.jsonl", "b.jsonl")).isEqualTo("Unmatched argument at index 2: 'b.jsonl'");
        assertThat(refused("score", "a.jsonl", "--format", "csv")).isEqualTo("--format must be table or json, got 'csv'");
        assertThat(refused("score", "a.jsonl", "--resamples=0"))
                .isEqualTo("Invalid value for option '--resamples': must be between 1 and 100000, got 0");
        assertThat(refused("export-judgments", "--out", "j.jsonl"))
                .isEqualTo("Missing required option: '--bootstrap-servers=HOST:PORT'");
        assertThat(refused("export-judgments", "--bootstrap-servers=", "--out", "j.jsonl"))
                .isEqualTo("Invalid value for option '--bootstrap-servers': must name a broker as HOST:PORT, got an empty value");
    }

    @Test
    void aUsageErrorExitsWithStatusTwoAndAHint() {
        int status = Main.run(new String[]{"up", "--samples", "x"}, stream(out), stream(err));

        assertThat(status).isEqualTo(ExitCode.USAGE);
        assertThat(text(err)).startsWith("rhwatch: Invalid value for option '--samples'").contains("rhwatch --help");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void aListenAddressTheLauncherCannotReachItsServicesOnIsAUsageError() {
        int status = Main.run(new String[]{"up", "--listen-address", "192.0.2.7"}, stream(out), stream(err));

        assertThat(status).isEqualTo(ExitCode.USAGE);
        assertThat(text(err)).startsWith("rhwatch: --listen-address must be one of 127.0.0.1, localhost, 0.0.0.0, ::");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsEveryCommand(String help) {
        assertThat(Main.run(new String[]{help}, stream(out), stream(err))).isEqualTo(ExitCode.OK);

        assertThat(text(out)).contains("up", "generate", "score", "compare", "export-judgments", "model-sim, a simulator");
    }

    @Test
    void helpOfACommandShowsItsOptionsWithTheirDefaultsAndLimits() {
        assertThat(Main.run(new String[]{"up", "--help"}, stream(out), stream(err))).isEqualTo(ExitCode.OK);
        assertThat(Main.run(new String[]{"help", "score"}, stream(out), stream(err))).isEqualTo(ExitCode.OK);

        assertThat(text(out).replaceAll("\\s+", " ")).contains("--once", "--samples=N", "--seed=S", "--port=P", "--timeout=D", "--budgets=L[,L...]",
                "--corruptions=C[,C...]", "--keep-judgments=FILE", "1-10000, default: 200", "0-16384",
                "default: 0,50,100,150,200,300,400,600", "blank_image,random_image,text_removal", "--format=F", "--resamples=N");
        assertThat(text(err)).isEmpty();
    }

    private UpOptions up(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "up";
        System.arraycopy(options, 0, args, 1, options.length);
        return ((Rhwatch.Up) parse(args)).options();
    }

    private Object parse(String... args) {
        CommandLine.ParseResult result = Rhwatch.commandLine(stream(out), stream(err)).parseArgs(args);
        return result.subcommand().commandSpec().userObject();
    }

    /** The first line of what a refused command line prints, without the "rhwatch: " in front. */
    private String refused(String... args) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(Main.run(args, stream(out), stream(errors))).as("exit status of %s", List.of(args)).isEqualTo(ExitCode.USAGE);
        String first = text(errors).lines().findFirst().orElse("");
        assertThat(first).startsWith("rhwatch: ");
        return first.substring("rhwatch: ".length());
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
