package io.rhwatch.modelsim.testing;

import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.Labels;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;

import java.util.List;

/** The mesh's own rule-based judge ({@link AnswerJudge}), applied to the simulator's answers. */
public final class MeshJudge {

    private static final AnswerJudge JUDGE = new AnswerJudge();

    private MeshJudge() {
    }

    public static Decision judge(BenchmarkSample sample, String output) {
        QuestionType type = Labels.questionType(sample.questionType()).orElseThrow(
                () -> new IllegalArgumentException("question_type: unknown '" + sample.questionType() + "' in " + sample.id()));
        return JUDGE.judge(type, sample.question(), output, sample.answer(), sample.choices());
    }

    public static Decision judge(QuestionType type, String output, String groundTruth) {
        return JUDGE.judge(type, "", output, groundTruth, List.of());
    }

    public static boolean correct(BenchmarkSample sample, String output) {
        return judge(sample, output).verdict() == Verdict.VERDICT_CORRECT;
    }
}
