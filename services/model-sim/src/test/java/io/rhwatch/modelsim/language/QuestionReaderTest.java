package io.rhwatch.modelsim.language;

import io.rhwatch.modelsim.language.Query.Selector;
import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionReaderTest {

    @Test
    void countingQuestions() {
        Question q = QuestionReader.read("How many blue circles are in the image? Answer with a number.");
        assertThat(q.query()).isEqualTo(new Query.Count(new Selector(Colour.BLUE, Shape.CIRCLE)));
        assertThat(q.form()).isEqualTo(Question.AnswerForm.NUMBER);
        assertThat(q.query().task()).isEqualTo(Query.Task.PERCEPTION);
        assertThat(QuestionReader.read("How many red shapes are in the image? Answer with a number.").query())
                .isEqualTo(new Query.Count(new Selector(Colour.RED, null)));
        assertThat(QuestionReader.read("How many triangles are in the image? Answer with a number.").query())
                .isEqualTo(new Query.Count(new Selector(null, Shape.TRIANGLE)));
    }

    @Test
    void existenceQuestions() {
        Question q = QuestionReader.read("Is there a green triangle in the image? Answer yes or no.");
        assertThat(q.query()).isEqualTo(new Query.Exists(new Selector(Colour.GREEN, Shape.TRIANGLE)));
        assertThat(q.form()).isEqualTo(Question.AnswerForm.YES_NO);
    }

    @Test
    void multipleChoiceReadsTheChoicesAfterTheInstruction() {
        Question q = QuestionReader.read("What colour is the square in the image? Answer with the option letter.\n(A) red\n(B) green\n(C) blue\n(D) yellow");
        assertThat(q.query()).isEqualTo(new Query.ColourOf(Shape.SQUARE));
        assertThat(q.choices()).containsExactly("red", "green", "blue", "yellow");
        assertThat(q.form()).isEqualTo(Question.AnswerForm.LETTER);
        assertThat(QuestionReader.read("What shape is the red object in the image? Answer with the option letter.\n(A) star\n(B) circle").query())
                .isEqualTo(new Query.ShapeOf(Colour.RED));
    }

    @Test
    void pointsAddEveryMatchingRule() {
        Question q = QuestionReader.read("Each red shape is worth 3 points and each blue shape is worth 5 points. "
                + "Every triangle earns 2 bonus points. Shapes of other colours are worth 0 points. "
                + "What is the total number of points for the shapes in the image? Answer with a number.");
        assertThat(q.query()).isEqualTo(new Query.Points(Map.of(
                new Selector(Colour.RED, null), 3, new Selector(Colour.BLUE, null), 5, new Selector(null, Shape.TRIANGLE), 2)));
        assertThat(q.query().task()).isEqualTo(Query.Task.REASONING);
    }

    @Test
    void changeAndBoxes() {
        Question change = QuestionReader.read("Red shapes cost 4 coins each, blue shapes cost 2 coins each and all other shapes cost 1 coin each. "
                + "Mia buys every shape in the image and pays with 30 coins. How many coins does Mia get back? Answer with a number.");
        assertThat(change.query()).isEqualTo(new Query.Change(Map.of(Colour.RED, 4, Colour.BLUE, 2), 1, 30));

        Question boxes = QuestionReader.read("A box holds 3 shapes. Each box costs 5 coins. "
                + "How many coins do the boxes for all the yellow circles in the image cost in total? Answer with a number.");
        assertThat(boxes.query()).isEqualTo(new Query.Boxes(new Selector(Colour.YELLOW, Shape.CIRCLE), 3, 5));
    }

    @Test
    void withoutItsConditionsAReasoningQuestionCannotBeComputed() {
        Question q = QuestionReader.read("What is the total number of points for the shapes in the image? Answer with a number.");
        assertThat(q.query()).isInstanceOf(Query.Unanswerable.class);
        Question boxes = QuestionReader.read("How many coins do the boxes for all the shapes in the image cost in total? Answer with a number.");
        assertThat(boxes.query()).isInstanceOf(Query.Unanswerable.class);
    }

    @Test
    void whatTextRemovalLeavesIsOnlyTheInstruction() {
        Question number = QuestionReader.read("Answer with a number.");
        assertThat(number.query()).isInstanceOf(Query.Unanswerable.class);
        assertThat(number.form()).isEqualTo(Question.AnswerForm.NUMBER);
        assertThat(QuestionReader.read("Answer yes or no.").form()).isEqualTo(Question.AnswerForm.YES_NO);
        Question letter = QuestionReader.read("Answer with the option letter.\n(A) 7\n(B) 9");
        assertThat(letter.form()).isEqualTo(Question.AnswerForm.LETTER);
        assertThat(letter.choices()).containsExactly("7", "9");
    }

    @Test
    void unknownQuestionsAreUnanswerableAndAnsweredFreely() {
        Question q = QuestionReader.read("Describe the picture.");
        assertThat(q.query()).isInstanceOf(Query.Unanswerable.class);
        assertThat(q.form()).isEqualTo(Question.AnswerForm.FREE);
    }
}
