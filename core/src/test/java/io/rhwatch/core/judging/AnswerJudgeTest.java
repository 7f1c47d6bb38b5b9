package io.rhwatch.core.judging;

import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_FREE_FORM;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_MULTI_CHOICE;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_NUMERIC;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_UNSPECIFIED;
import static io.rhwatch.proto.v1.QuestionType.QUESTION_TYPE_YES_NO;
import static io.rhwatch.proto.v1.Verdict.VERDICT_CORRECT;
import static io.rhwatch.proto.v1.Verdict.VERDICT_INCORRECT;
import static io.rhwatch.proto.v1.Verdict.VERDICT_UNPARSEABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A corpus of realistic model outputs with the verdicts a careful human grader would give. */
class AnswerJudgeTest {

    private static final List<String> COLOURS = List.of("red", "blue", "green", "yellow");
    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "star");
    private static final List<String> LETTERED = List.of("(A) red", "(B) blue", "(C) green", "(D) yellow");
    private static final List<String> NONE = List.of();

    private static final String LETTER = AnswerExtractor.OPTION_LETTER;
    private static final String TEXT = AnswerExtractor.OPTION_TEXT;
    private static final String NUMBER = AnswerExtractor.NUMBER;
    private static final String YES_NO = AnswerExtractor.YES_NO;
    private static final String FREE = AnswerExtractor.FREE_TEXT;
    private static final String HEDGED = AnswerExtractor.HEDGED;

    private final AnswerJudge judge = new AnswerJudge();

    record Case(QuestionType type, String output, String groundTruth, List<String> choices,
                Verdict verdict, String extracted, String method) {
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // ---- multiple choice: the simulator's formats
                c("letter after Answer:", QUESTION_TYPE_MULTI_CHOICE, "Answer: B", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("answer tag", QUESTION_TYPE_MULTI_CHOICE, "<answer>B</answer>", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("the answer is (B).", QUESTION_TYPE_MULTI_CHOICE, "The answer is (B).", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("bold marker, wrong letter", QUESTION_TYPE_MULTI_CHOICE, "**Answer:** C", "B", COLOURS, VERDICT_INCORRECT, "C", LETTER),
                c("boxed letter", QUESTION_TYPE_MULTI_CHOICE, "\\boxed{B}", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("boxed text letter", QUESTION_TYPE_MULTI_CHOICE, "The final result is $\\boxed{\\text{D}}$", "D", COLOURS, VERDICT_CORRECT, "D", LETTER),
                c("bare letter", QUESTION_TYPE_MULTI_CHOICE, "B", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("bare parenthesised letter, wrong", QUESTION_TYPE_MULTI_CHOICE, "(D)", "B", COLOURS, VERDICT_INCORRECT, "D", LETTER),
                c("answer on the next line", QUESTION_TYPE_MULTI_CHOICE, "Answer:\nA", "A", COLOURS, VERDICT_CORRECT, "A", LETTER),
                c("bold letter after the answer is", QUESTION_TYPE_MULTI_CHOICE, "The answer is **B**.", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("lower-case letter after marker", QUESTION_TYPE_MULTI_CHOICE, "answer: b", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("letter and text after marker", QUESTION_TYPE_MULTI_CHOICE, "**Answer:** (A) red", "A", COLOURS, VERDICT_CORRECT, "A", LETTER),
                c("letter with option word", QUESTION_TYPE_MULTI_CHOICE, "The correct answer is option C.", "C", COLOURS, VERDICT_CORRECT, "C", LETTER),
                // ---- multiple choice: reasoning full of other letters
                c("marker after reasoning over every option", QUESTION_TYPE_MULTI_CHOICE,
                        "Let me look at each option. (A) red does not match the large shape, which is clearly not red. "
                                + "Option C, green, appears only on the small triangle. Comparing A and C again, neither fits.\nAnswer: B",
                        "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("several candidate letters, concluding letter at the end", QUESTION_TYPE_MULTI_CHOICE,
                        "A seems plausible at first, and C is close, but looking again at the large shape the colour is blue, so the best choice is B.",
                        "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("explanation after the answer names other letters", QUESTION_TYPE_MULTI_CHOICE,
                        "Answer: C\n\nExplanation: A and B are wrong because the small shape is green.",
                        "C", COLOURS, VERDICT_CORRECT, "C", LETTER),
                c("a later marker overrides a rejected guess", QUESTION_TYPE_MULTI_CHOICE,
                        "The answer is not A. Answer: B", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("option claimed in prose", QUESTION_TYPE_MULTI_CHOICE,
                        "Option D is correct because the star in the corner is yellow, not red.", "D", COLOURS, VERDICT_CORRECT, "D", LETTER),
                c("I'd go with", QUESTION_TYPE_MULTI_CHOICE,
                        "Both the square and the star are large, but I'd go with B since the square is bigger overall.",
                        "B", SHAPES, VERDICT_CORRECT, "B", LETTER),
                c("leading letter with its text", QUESTION_TYPE_MULTI_CHOICE,
                        "B. blue \u2014 the large shape is clearly blue in the image.", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                // ---- multiple choice: the option's text
                c("option text alone", QUESTION_TYPE_MULTI_CHOICE, "Blue.", "B", COLOURS, VERDICT_CORRECT, "B", TEXT),
                c("option text after marker, wrong", QUESTION_TYPE_MULTI_CHOICE, "Answer: green", "B", COLOURS, VERDICT_INCORRECT, "C", TEXT),
                c("option text in a sentence", QUESTION_TYPE_MULTI_CHOICE, "The large shape is blue.", "B", COLOURS, VERDICT_CORRECT, "B", TEXT),
                c("article before the option text", QUESTION_TYPE_MULTI_CHOICE, "A circle.", "A", SHAPES, VERDICT_CORRECT, "A", TEXT),
                c("ground truth given as text", QUESTION_TYPE_MULTI_CHOICE, "Answer: B", "blue", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("choices stored with their letters", QUESTION_TYPE_MULTI_CHOICE, "The answer is blue.", "(B) blue", LETTERED, VERDICT_CORRECT, "B", TEXT),
                // ---- multiple choice: nothing to judge
                c("refusal", QUESTION_TYPE_MULTI_CHOICE, "I cannot tell from the image.", "B", COLOURS, VERDICT_UNPARSEABLE, "", LETTER),
                c("letter beyond the choices", QUESTION_TYPE_MULTI_CHOICE, "Answer: F", "B", COLOURS, VERDICT_UNPARSEABLE, "", LETTER),
                c("truncated mid-sentence", QUESTION_TYPE_MULTI_CHOICE,
                        "Let me compare the options. Option A is red, which does not match; option B is",
                        "B", COLOURS, VERDICT_UNPARSEABLE, "", LETTER),
                c("hedging between two options is incorrect, not a pick of either", QUESTION_TYPE_MULTI_CHOICE,
                        "It could be red or blue depending on the lighting", "B", COLOURS, VERDICT_INCORRECT, "A or B", HEDGED),
                c("empty output", QUESTION_TYPE_MULTI_CHOICE, "", "B", COLOURS, VERDICT_UNPARSEABLE, "", LETTER),
                // ---- think blocks
                c("letters inside the think block are ignored", QUESTION_TYPE_MULTI_CHOICE,
                        "<think>\nThe shape could be A or B. It looks red at first glance.\n</think>\n\nAnswer: B",
                        "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("a marker inside the think block is ignored", QUESTION_TYPE_MULTI_CHOICE,
                        "<think>I think the answer is A.</think>The answer is (C).", "C", COLOURS, VERDICT_CORRECT, "C", LETTER),
                c("thinking never closed", QUESTION_TYPE_MULTI_CHOICE,
                        "<think>\nCounting the shapes: the first is red, the second is blue, so the answer is B",
                        "B", COLOURS, VERDICT_UNPARSEABLE, "", LETTER),
                // the model closed its thinking itself and answered nowhere else: its conclusion is its answer
                c("closed thinking with nothing after it", QUESTION_TYPE_NUMERIC,
                        "<think>There are 4 circles and 8 squares, 12 in all.</think>\n", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                // ---- numbers
                c("bold marker number", QUESTION_TYPE_NUMERIC, "**Answer:** 12", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("boxed number", QUESTION_TYPE_NUMERIC, "\\boxed{12}", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("bare number", QUESTION_TYPE_NUMERIC, "12", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("number with unit", QUESTION_TYPE_NUMERIC, "Answer: 12 cm", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("ground truth with unit", QUESTION_TYPE_NUMERIC, "12", "12 cm", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("fraction", QUESTION_TYPE_NUMERIC, "The answer is 3/4.", "0.75", NONE, VERDICT_CORRECT, "0.75", NUMBER),
                c("LaTeX fraction in a box", QUESTION_TYPE_NUMERIC, "\\boxed{\\frac{3}{4}}", "3/4", NONE, VERDICT_CORRECT, "0.75", NUMBER),
                c("negative decimal", QUESTION_TYPE_NUMERIC, "Answer: -2.5", "-2.5", NONE, VERDICT_CORRECT, "-2.5", NUMBER),
                c("thousands separator", QUESTION_TYPE_NUMERIC, "Answer: 1,234", "1234", NONE, VERDICT_CORRECT, "1234", NUMBER),
                c("separator, decimals and a unit word", QUESTION_TYPE_NUMERIC, "Final answer: 2,500.50 dollars", "2500.5", NONE, VERDICT_CORRECT, "2500.5", NUMBER),
                c("percent", QUESTION_TYPE_NUMERIC, "The answer is 45%.", "45", NONE, VERDICT_CORRECT, "45", NUMBER),
                c("wrong number", QUESTION_TYPE_NUMERIC, "Answer: 11", "12", NONE, VERDICT_INCORRECT, "11", NUMBER),
                c("reasoning with arithmetic, then a marker", QUESTION_TYPE_NUMERIC,
                        "There are 3 red circles and 4 blue squares in the top row, and 2 more triangles below, "
                                + "so in total 3 + 4 + 2 = 9 shapes.\n\nAnswer: 9",
                        "9", NONE, VERDICT_CORRECT, "9", NUMBER),
                c("reasoning without a marker ends on the total", QUESTION_TYPE_NUMERIC,
                        "I count 3 red circles, 4 blue squares and 2 triangles, which gives 9 shapes in total.",
                        "9", NONE, VERDICT_CORRECT, "9", NUMBER),
                c("marker wins over a later stray number", QUESTION_TYPE_NUMERIC,
                        "Answer: 7\nThe image shows 2 rows of shapes.", "7", NONE, VERDICT_CORRECT, "7", NUMBER),
                c("revised answer: the last marker counts", QUESTION_TYPE_NUMERIC,
                        "My first guess was that the answer is 8, but after recounting the small shapes the final answer is 10.",
                        "10", NONE, VERDICT_CORRECT, "10", NUMBER),
                c("negative number, not a range", QUESTION_TYPE_NUMERIC,
                        "The temperature dropped from 5 to -3 degrees, so the answer is -3.", "-3", NONE, VERDICT_CORRECT, "-3", NUMBER),
                c("number word", QUESTION_TYPE_NUMERIC, "There are twelve circles.", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("within the relative tolerance", QUESTION_TYPE_NUMERIC, "Answer: 0.3333333", "1/3", NONE, VERDICT_CORRECT, "0.3333333", NUMBER),
                c("outside the relative tolerance", QUESTION_TYPE_NUMERIC, "Answer: 0.333", "1/3", NONE, VERDICT_INCORRECT, "0.333", NUMBER),
                c("boxed after thinking with other numbers", QUESTION_TYPE_NUMERIC,
                        "<think>\nFirst row: 5. Second row: 6. Total 11? Let me recount... 12.\n</think>\n\n\\boxed{12}",
                        "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("numeric refusal", QUESTION_TYPE_NUMERIC, "I cannot tell from the image.", "12", NONE, VERDICT_UNPARSEABLE, "", NUMBER),
                c("refusal naming the object", QUESTION_TYPE_NUMERIC,
                        "I cannot determine which one is larger from this image.", "1", NONE, VERDICT_UNPARSEABLE, "", NUMBER),
                c("truncated while counting", QUESTION_TYPE_NUMERIC,
                        "Let me count carefully. The first row has 3 circles, the second row has 4 squares, and the third row has",
                        "9", NONE, VERDICT_UNPARSEABLE, "", NUMBER),
                c("truncated on a comma", QUESTION_TYPE_NUMERIC,
                        "Counting from left to right: 1, 2, 3, 4, 5,", "7", NONE, VERDICT_UNPARSEABLE, "", NUMBER),
                // ---- yes / no
                c("Yes.", QUESTION_TYPE_YES_NO, "Yes.", "yes", NONE, VERDICT_CORRECT, "yes", YES_NO),
                c("no with a reason", QUESTION_TYPE_YES_NO, "No, there is no red circle in the image.", "yes", NONE, VERDICT_INCORRECT, "no", YES_NO),
                c("yes after marker", QUESTION_TYPE_YES_NO, "Answer: Yes", "Yes", NONE, VERDICT_CORRECT, "yes", YES_NO),
                c("no in tag", QUESTION_TYPE_YES_NO, "<answer>no</answer>", "no", NONE, VERDICT_CORRECT, "no", YES_NO),
                c("bold no, wrong", QUESTION_TYPE_YES_NO, "**Answer:** No", "yes", NONE, VERDICT_INCORRECT, "no", YES_NO),
                c("the answer is yes", QUESTION_TYPE_YES_NO, "The answer is yes, the triangle is above the square.", "yes", NONE, VERDICT_CORRECT, "yes", YES_NO),
                c("yes on the last line after reasoning", QUESTION_TYPE_YES_NO,
                        "Looking at the image, there is a blue square on the left and a red circle on the right. "
                                + "The question asks whether a red circle is present.\nYes",
                        "yes", NONE, VERDICT_CORRECT, "yes", YES_NO),
                c("a 'no' inside a sentence is not an answer", QUESTION_TYPE_YES_NO,
                        "There is no dog, but there may be one hidden behind the square.", "no", NONE, VERDICT_UNPARSEABLE, "", YES_NO),
                c("yes/no refusal", QUESTION_TYPE_YES_NO, "I cannot tell from the image.", "no", NONE, VERDICT_UNPARSEABLE, "", YES_NO),
                c("yes/no truncated", QUESTION_TYPE_YES_NO,
                        "Looking at the image, I need to check whether the triangle is", "yes", NONE, VERDICT_UNPARSEABLE, "", YES_NO),
                // ---- free form
                c("free text with article", QUESTION_TYPE_FREE_FORM, "A red circle.", "red circle", NONE, VERDICT_CORRECT, "A red circle.", FREE),
                c("free text after marker, wrong", QUESTION_TYPE_FREE_FORM, "Answer: blue square", "red circle", NONE, VERDICT_INCORRECT, "blue square", FREE),
                c("free text that denies the truth", QUESTION_TYPE_FREE_FORM,
                        "There is no red circle; the shape is a blue square.", "red circle", NONE, VERDICT_INCORRECT,
                        "There is no red circle; the shape is a blue square.", FREE),
                c("free text refusal", QUESTION_TYPE_FREE_FORM, "I cannot tell from the image.", "red circle", NONE, VERDICT_UNPARSEABLE, "", FREE),
                c("free text after thinking", QUESTION_TYPE_FREE_FORM,
                        "<think>It might be a triangle.</think>The shape is a green triangle.", "green triangle", NONE,
                        VERDICT_CORRECT, "The shape is a green triangle.", FREE),
                // ---- question type not given: inferred
                c("unspecified with choices", QUESTION_TYPE_UNSPECIFIED, "Answer: B", "B", COLOURS, VERDICT_CORRECT, "B", LETTER),
                c("unspecified with a numeric truth", QUESTION_TYPE_UNSPECIFIED, "12", "12", NONE, VERDICT_CORRECT, "12", NUMBER),
                c("unspecified with a yes/no truth", QUESTION_TYPE_UNSPECIFIED, "Yes.", "yes", NONE, VERDICT_CORRECT, "yes", YES_NO),
                c("unspecified with a text truth", QUESTION_TYPE_UNSPECIFIED, "It is a red circle.", "red circle", NONE, VERDICT_CORRECT, "It is a red circle.", FREE));
    }

    private static Arguments c(String name, QuestionType type, String output, String truth, List<String> choices,
                               Verdict verdict, String extracted, String method) {
        return Arguments.of(name, new Case(type, output, truth, choices, verdict, extracted, method));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void judgesTheCorpus(String name, Case c) {
        Decision decision = judge.judge(c.type(), "", c.output(), c.groundTruth(), c.choices());

        assertThat(decision).as(name).isEqualTo(new Decision(c.verdict(), c.extracted(), c.method()));
    }

    static Stream<Arguments> yesNoStatements() {
        String dog = "Is there a dog in the image?";
        return Stream.of(
                Arguments.of(dog, "The image shows a cat sleeping on a couch.", "no", VERDICT_UNPARSEABLE),
                Arguments.of(dog, "The image shows a cat sleeping on a couch.", "yes", VERDICT_UNPARSEABLE),
                Arguments.of(dog, "The image shows two dogs playing in the snow.", "yes", VERDICT_CORRECT),
                Arguments.of(dog, "The image shows two dogs playing in the snow.", "no", VERDICT_INCORRECT),
                Arguments.of(dog, "I don't think there are any dogs here, only a cat.", "no", VERDICT_CORRECT),
                Arguments.of("Are there any people in the image?", "A person is walking a bicycle.", "yes", VERDICT_CORRECT),
                Arguments.of("Is there a fork in the image?", "There is a knife but no fork.", "no", VERDICT_CORRECT),
                Arguments.of("Is there a knife in the image?", "There is a knife but no fork.", "yes", VERDICT_CORRECT),
                Arguments.of("Is the cup on the table?", "The cup is under the table.", "no", VERDICT_UNPARSEABLE),
                Arguments.of("Is the cup on the table?", "The cup is not on the table.", "no", VERDICT_CORRECT),
                // without the question a statement answers nothing; a yes or a no still does
                Arguments.of("", "There is no dog in the image.", "no", VERDICT_UNPARSEABLE),
                Arguments.of("", "No, there is no dog in the image.", "no", VERDICT_CORRECT));
    }

    @ParameterizedTest(name = "{0} {1} ({2})")
    @MethodSource("yesNoStatements")
    void aStatementAnswersAYesNoQuestionOnlyAboutWhatItAsks(String question, String output, String truth, Verdict verdict) {
        assertThat(judge.judge(QUESTION_TYPE_YES_NO, question, output, truth, NONE).verdict()).isEqualTo(verdict);
    }

    @Test
    void corpusIsLargeEnoughToMeanSomething() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void toleranceIsConfigurable() {
        AnswerJudge loose = new AnswerJudge(1e-2);

        assertThat(loose.judge(QUESTION_TYPE_NUMERIC, "", "Answer: 0.333", "1/3", NONE).verdict()).isEqualTo(VERDICT_CORRECT);
        assertThat(loose.judge(QUESTION_TYPE_NUMERIC, "", "Answer: 0.32", "1/3", NONE).verdict()).isEqualTo(VERDICT_INCORRECT);
    }

    @Test
    void zeroToleranceStillAcceptsEqualNumbersWrittenDifferently() {
        AnswerJudge exact = new AnswerJudge(0);

        assertThat(exact.judge(QUESTION_TYPE_NUMERIC, "", "\\boxed{\\frac{1}{2}}", "0.50", NONE).verdict()).isEqualTo(VERDICT_CORRECT);
    }

    @Test
    void rejectsAToleranceOutsideItsRange() {
        assertThatThrownBy(() -> new AnswerJudge(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relativeTolerance")
                .hasMessageContaining("[0, 1)");
    }

    @Test
    void refusesToJudgeWithoutGroundTruth() {
        assertThatThrownBy(() -> judge.judge(QUESTION_TYPE_NUMERIC, "", "12", " ", NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groundTruth");
    }

    @Test
    void nullOutputAndChoicesAreUnparseableNotAnError() {
        assertThat(judge.judge(QUESTION_TYPE_MULTI_CHOICE, "", null, "B", null).verdict()).isEqualTo(VERDICT_UNPARSEABLE);
    }
}
