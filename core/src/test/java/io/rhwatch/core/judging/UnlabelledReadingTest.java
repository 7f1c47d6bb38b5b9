package io.rhwatch.core.judging;

import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_FREE_FORM;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_MULTI_CHOICE;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_NUMERIC;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_YES_NO;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers read without a ground truth: the labelled path's extraction rules, the form taken from the question. */
class UnlabelledReadingTest {

    private static final List<String> COLOURS = List.of("red", "blue", "green", "yellow");

    private final AnswerJudge judge = new AnswerJudge();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MULTI_CHOICE | Answer: B                                   | B      | unlabelled:option_letter",
            "MULTI_CHOICE | <think>maybe A</think>The answer is (C).     | C      | unlabelled:option_letter",
            "MULTI_CHOICE | The colour is blue.                         | B      | unlabelled:option_text",
            "MULTI_CHOICE | Either A or C.                              | A or C | unlabelled:hedged",
            "NUMERIC      | There are \\boxed{4} circles.              | 4      | unlabelled:number",
            "NUMERIC      | Answer: 1,250                               | 1250   | unlabelled:number",
            "NUMERIC      | Answer: four                                | 4      | unlabelled:number",
            "YES_NO       | Based on the image, yes, there is.          | yes    | unlabelled:yes_no",
            "YES_NO       | There are no dogs here.                     | no     | unlabelled:yes_no",
            "FREE_FORM    | Answer: A Red Kite!                         | a red kite | unlabelled:free_text",
    })
    void readsTheAnswerByTheLabelledRules(String type, String output, String expected, String method) {
        List<String> choices = type.equals("MULTI_CHOICE") ? COLOURS : List.of();
        Decision decision = judge.read(QuestionType.valueOf("QUESTION_TYPE_" + type), "Is there a dog in the image?",
                output, choices);

        assertThat(decision.verdict()).isEqualTo(Verdict.VERDICT_UNLABELLED);
        assertThat(decision.extractedAnswer()).isEqualTo(expected);
        assertThat(decision.method()).isEqualTo(method);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MULTI_CHOICE | <think>it could be B, but",
            "NUMERIC      | I cannot tell from this image.",
            "YES_NO       | The image shows a cat.",
            "FREE_FORM    | I'm sorry, I can't answer that.",
            "FREE_FORM    | ''",
    })
    void anAnswerThatCannotBeReadIsUnparseableWithAnEmptyAnswer(String type, String output) {
        List<String> choices = type.equals("MULTI_CHOICE") ? COLOURS : List.of();
        Decision decision = judge.read(QuestionType.valueOf("QUESTION_TYPE_" + type), "Is there a dog in the image?",
                output, choices);

        assertThat(decision).isEqualTo(new Decision(Verdict.VERDICT_UNLABELLED, "", AnswerJudge.UNLABELLED_UNPARSEABLE));
    }

    @Test
    void choicesMakeItAnOptionWhateverTheType() {
        assertThat(judge.read(QUESTION_TYPE_FREE_FORM, "", "Answer: D", COLOURS).extractedAnswer()).isEqualTo("D");
    }

    @Test
    void theUnlabelledAnswerIsTheAnswerTheLabelledPathExtracts() {
        // the same output, judged against a truth of the question's form and read without one
        assertThat(judge.read(QUESTION_TYPE_MULTI_CHOICE, "", "**Answer:** (A) red", COLOURS).extractedAnswer())
                .isEqualTo(judge.judge(QUESTION_TYPE_MULTI_CHOICE, "", "**Answer:** (A) red", "B", COLOURS).extractedAnswer());
        assertThat(judge.read(QUESTION_TYPE_NUMERIC, "", "So the total is 2.50", List.of()).extractedAnswer())
                .isEqualTo(judge.judge(QUESTION_TYPE_NUMERIC, "", "So the total is 2.50", "3", List.of()).extractedAnswer());
        assertThat(judge.read(QUESTION_TYPE_YES_NO, "Is the star red?", "No, it is blue.", List.of()).extractedAnswer())
                .isEqualTo(judge.judge(QUESTION_TYPE_YES_NO, "Is the star red?", "No, it is blue.", "yes", List.of()).extractedAnswer());
    }
}
