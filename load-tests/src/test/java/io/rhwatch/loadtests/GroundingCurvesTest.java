package io.rhwatch.loadtests;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroundingCurvesTest {

    @Test
    void groundingIsTheShareOfPerceptionAnswersThatChangedUnderABlankOrSwappedImage() {
        List<Judgment> judgments = List.of(
                // level 0: s1 changes under blank, not under random; s2 keeps its answer under blank, random is unreadable
                perception("s1", Corruption.CORRUPTION_NONE, 0, "yes"),
                perception("s1", Corruption.CORRUPTION_BLANK_IMAGE, 0, "no"),
                perception("s1", Corruption.CORRUPTION_RANDOM_IMAGE, 0, "Yes"),
                perception("s2", Corruption.CORRUPTION_NONE, 0, "3"),
                perception("s2", Corruption.CORRUPTION_BLANK_IMAGE, 0, "3"),
                perception("s2", Corruption.CORRUPTION_RANDOM_IMAGE, 0, ""),
                perception("s2", Corruption.CORRUPTION_BLANK_IMAGE, 0, "3"), // a redelivery: counted once
                perception("s2", Corruption.CORRUPTION_TEXT_REMOVAL, 0, "5"), // not an image corruption
                Judgment.newBuilder().setJudgmentId("r|0").setModel("m")
                        .setSample(SampleRef.newBuilder()
                                .setSampleId("r")
                                .setTask(Task.TASK_REASONING))
                        .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).setVerdict(Verdict.VERDICT_INCORRECT).setExtractedAnswer("9").build(),
                // level 100: s1 keeps it under both; s2's clean answer is unreadable, so it is no reference
                perception("s1", Corruption.CORRUPTION_NONE, 100, "yes"),
                perception("s1", Corruption.CORRUPTION_BLANK_IMAGE, 100, "yes"),
                perception("s1", Corruption.CORRUPTION_RANDOM_IMAGE, 100, "yes"),
                perception("s2", Corruption.CORRUPTION_NONE, 100, ""),
                perception("s2", Corruption.CORRUPTION_BLANK_IMAGE, 100, "1"));
        Map<String, Map<Integer, Double>> tokens = GroundingCurves.meanReasoningTokens(List.of(
                response("a", 0, 0), response("b", 100, 90), response("c", 100, 110), response("c", 100, 110)));
        assertThat(tokens).isEqualTo(Map.of("m", Map.of(0, 0.0, 100, 100.0)));

        GroundingCurves.ModelGrounding m = GroundingCurves.of(judgments, tokens).get("m");
        assertThat(m.levels()).containsExactly(new GroundingCurves.Level(0, 0, 4, 2), new GroundingCurves.Level(100, 100, 2, 0));
        // grounding 0.5 at 0 tokens, 0 at 100: normalised 1 -> 0, the area of a triangle
        assertThat(m.rhAuc().rhAuc()).isCloseTo(0.5, within(1e-12));
        assertThat(m.rhAuc().rhAucRaw()).isCloseTo(0.25, within(1e-12));
    }

    private static Judgment perception(String sample, Corruption corruption, int budget, String answer) {
        return Judgment.newBuilder().setJudgmentId(sample + "|" + corruption + "|" + budget).setModel("m")
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sample)
                        .setTask(Task.TASK_PERCEPTION))
                .setCorruption(corruption).setBudget(budget)
                .setVerdict(answer.isEmpty() ? Verdict.VERDICT_UNPARSEABLE : Verdict.VERDICT_UNLABELLED).setExtractedAnswer(answer).build();
    }

    private static Response response(String id, int budget, int tokens) {
        return Response.newBuilder().setResponseId(id).setModel("m").setBudget(budget).setReasoningTokens(tokens).build();
    }
}
