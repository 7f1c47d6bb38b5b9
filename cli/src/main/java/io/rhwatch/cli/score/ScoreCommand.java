package io.rhwatch.cli.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Judgment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code rhwatch score FILE [--format table|json] [--resamples N]}: RH-AUC, intervals, the
 * hallucination-as-cue view and censoring per model from a JSONL file of judged or raw records
 * ({@link JudgmentRecords}), with the same code the aggregator uses.
 */
public final class ScoreCommand {

    private final ScoreOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public ScoreCommand(ScoreOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** @return exit status 0 done, 1 failed */
    public int run() {
        if (!Files.isRegularFile(options.file())) {
            err.println("rhwatch score: " + options.file() + ": no such file");
            return 1;
        }
        List<Judgment> judgments;
        try {
            judgments = JudgmentRecords.read(options.file(), new AnswerJudge());
        } catch (JudgmentRecords.RecordException e) {
            err.println("rhwatch score: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("rhwatch score: cannot read " + options.file() + ": " + e.getMessage());
            return 1;
        }
        Bootstrap bootstrap = new Bootstrap(options.resamples(), Bootstrap.DEFAULT_SEED);
        List<Scorecard> scorecards = Scoring.score(judgments, bootstrap);
        if (options.json()) {
            try {
                out.println(JudgmentRecords.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(ScoreReport.json(scorecards, bootstrap)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree could not be written", e);
            }
        } else if (scorecards.isEmpty()) {
            out.println(options.file() + " holds no records");
        } else {
            out.print(ScoreReport.table(scorecards, bootstrap));
        }
        return 0;
    }
}
