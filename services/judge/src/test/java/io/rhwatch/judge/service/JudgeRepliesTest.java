package io.rhwatch.judge.service;

import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.support.rejection.RecordRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeRepliesTest {

    @Test
    void readsTheAskedForm() {
        JudgeReplies.Rating rating = JudgeReplies.rating("Reason: The response names a knife the standard answer does not have.\nRating: 2");
        assertThat(rating.rating()).isEqualTo(2);
        assertThat(rating.hallucinated()).isTrue();
        assertThat(rating.reason()).isEqualTo("The response names a knife the standard answer does not have.");
        assertThat(JudgeReplies.rating("Reason: Fine.\nRating: 3").hallucinated()).as("above 2 is not hallucinated").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "**Rating:** 4|4",
            "Rating: [[5]]|5",
            "rating: 1/5|1",
            "Rating - 0.|0",
            "My rating is 3 because nothing is claimed.|3",
            "RATING=2|2",
            "The scale says Rating: 5 is best, but here\\nRating: 1|1",
            "<think>Rating: 5 would be too kind.</think>Reason: It invents a dog.\\nRating: 0|0",
    })
    void readsTheRatingInTheFormsModelsWriteIt(String reply, int expected) {
        assertThat(JudgeReplies.rating(reply.replace("\\n", "\n")).rating()).isEqualTo(expected);
    }

    @Test
    void anExplanationBeforeTheRatingIsTheReason() {
        JudgeReplies.Rating rating = JudgeReplies.rating("The response correctly says the apple is red.\n\n**Rating: 5**");
        assertThat(rating.rating()).isEqualTo(5);
        assertThat(rating.reason()).isEqualTo("The response correctly says the apple is red.");
        assertThat(JudgeReplies.rating("Rating: 4\nReason: Partly answers.").reason()).isEqualTo("Partly answers.");
    }

    @Test
    void aReplyWithoutARatingFromZeroToFiveIsRefusedQuotingIt() {
        assertThatThrownBy(() -> JudgeReplies.rating("Rating: 6, very informative with good analysis"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("judge_reply: no 'Rating: <0 to 5>' in the judge's reply: 'Rating: 6, very informative with good analysis'");
        assertThatThrownBy(() -> JudgeReplies.rating("Rating: 10")).hasMessageStartingWith("judge_reply: no 'Rating");
        assertThatThrownBy(() -> JudgeReplies.rating("")).hasMessageStartingWith("judge_reply: no 'Rating");
    }

    @Test
    void readsTheCorrectnessVerdictWithTheAnswerAndTheReason() {
        JudgeReplies.Correctness correct = JudgeReplies.correctness("Answer: 14\nVerdict: correct\nReason: 14 equals the standard answer.");
        assertThat(correct).isEqualTo(new JudgeReplies.Correctness(Verdict.VERDICT_CORRECT, "14", "14 equals the standard answer."));

        JudgeReplies.Correctness wrong = JudgeReplies.correctness("**Final answer:** 12\n**Verdict:** Incorrect\nThe standard answer is 14.");
        assertThat(wrong.verdict()).isEqualTo(Verdict.VERDICT_INCORRECT);
        assertThat(wrong.answer()).isEqualTo("12");
        assertThat(wrong.reason()).isEqualTo("The standard answer is 14.");

        JudgeReplies.Correctness none = JudgeReplies.correctness("Answer: none\nVerdict: none\nReason: The response refuses.");
        assertThat(none.verdict()).isEqualTo(Verdict.VERDICT_UNPARSEABLE);
        assertThat(none.answer()).isEmpty();
        assertThat(JudgeReplies.correctness("Judgement: wrong").verdict()).isEqualTo(Verdict.VERDICT_INCORRECT);
        assertThat(JudgeReplies.correctness("Verdict: no answer").verdict()).isEqualTo(Verdict.VERDICT_UNPARSEABLE);
    }

    @Test
    void aReplyWithoutAVerdictIsRefused() {
        assertThatThrownBy(() -> JudgeReplies.correctness("The answer looks right to me."))
                .hasMessage("judge_reply: no 'Verdict: correct|incorrect|none' in the judge's reply: 'The answer looks right to me.'");
    }
}
