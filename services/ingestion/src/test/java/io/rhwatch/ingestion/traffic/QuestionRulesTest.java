package io.rhwatch.ingestion.traffic;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule of docs/LABEL_FREE.md, "Task of unlabelled traffic", case by case and against a labelled benchmark. */
class QuestionRulesTest {

    @Test
    void aQuestionAnsweredByLookingIsPerception() {
        assertThat(List.of(
                "What colour is the square in the image?",
                "Is there a green triangle in the image?",
                "What shape is the red object?",
                "Where is the dog, left or right of the car?",
                "How many blue circles are in the image? Answer with a number.",
                "Which object is above the table?",
                "What is written on the sign?"))
                .allSatisfy(question -> assertThat(QuestionRules.task(question)).as(question).isEqualTo(Task.TASK_PERCEPTION));
    }

    @Test
    void aQuestionThatAsksForAComputationIsReasoning() {
        assertThat(List.of(
                "A box holds 3 shapes. How many boxes do the circles need?",
                "Red shapes cost 4 coins each. How many coins does Mia pay?",
                "What is the total number of points for the shapes in the image?",
                "Find the area of the shaded region.",
                "What is the angle ABC?",
                "If x + 2 = 5, what is x?",
                "How many more cats than dogs are there?"))
                .allSatisfy(question -> assertThat(QuestionRules.task(question)).as(question).isEqualTo(Task.TASK_REASONING));
    }

    @Test
    void aHintAlwaysWinsOverTheRule() {
        assertThat(QuestionRules.task(Task.TASK_REASONING, "What colour is the square?")).isEqualTo(Task.TASK_REASONING);
        assertThat(QuestionRules.task(Task.TASK_PERCEPTION, "What is 3 + 4?")).isEqualTo(Task.TASK_PERCEPTION);
    }

    /** The bundled benchmark knows each question's task: the rule must give it back for every one. */
    @Test
    void agreesWithTheBundledBenchmarkOnEveryQuestion() {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(600, 7);

        assertThat(samples).allSatisfy(sample -> assertThat(Labels.of(QuestionRules.task(sample.question())))
                .as(sample.question()).isEqualTo(sample.task()));
        assertThat(samples).allSatisfy(sample -> assertThat(Labels.of(QuestionRules.questionType(
                QuestionType.QUESTION_TYPE_UNSPECIFIED, sample.question(), sample.choices())))
                .as(sample.question()).isEqualTo(sample.questionType()));
    }

    @Test
    void theQuestionTypeComesFromTheChoicesAndTheFirstWords() {
        assertThat(QuestionRules.questionType(QuestionType.QUESTION_TYPE_UNSPECIFIED, "Which one?", List.of("a", "b")))
                .isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(QuestionRules.questionType(QuestionType.QUESTION_TYPE_UNSPECIFIED, "Are the lights on?", List.of()))
                .isEqualTo(QuestionType.QUESTION_TYPE_YES_NO);
        assertThat(QuestionRules.questionType(QuestionType.QUESTION_TYPE_UNSPECIFIED, "How many birds are there?", List.of()))
                .isEqualTo(QuestionType.QUESTION_TYPE_NUMERIC);
        assertThat(QuestionRules.questionType(QuestionType.QUESTION_TYPE_UNSPECIFIED, "Describe the scene.", List.of()))
                .isEqualTo(QuestionType.QUESTION_TYPE_FREE_FORM);
        assertThat(QuestionRules.questionType(QuestionType.QUESTION_TYPE_NUMERIC, "Describe the scene.", List.of()))
                .isEqualTo(QuestionType.QUESTION_TYPE_NUMERIC);
    }
}
