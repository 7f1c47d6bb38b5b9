package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateOptions;
import io.rhwatch.cli.score.ExportOptions;
import io.rhwatch.cli.score.ScoreOptions;
import io.rhwatch.cli.up.UpOptions;

/** What the command line asked for. */
public sealed interface Command {

    record Help() implements Command {
    }

    record Up(UpOptions options) implements Command {
    }

    record Generate(GenerateOptions options) implements Command {
    }

    record Score(ScoreOptions options) implements Command {
    }

    record ExportJudgments(ExportOptions options) implements Command {
    }
}
