package io.rhwatch.benchmark;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each question form on a hand-made scene, with the answer worked out by hand. */
class QuestionsTest {

    // 2 red triangles, 1 red circle, 1 blue circle, 1 yellow square.
    private final Scene scene = new Scene(List.of(
            object(Shape.TRIANGLE, Colour.RED, 0),
            object(Shape.TRIANGLE, Colour.RED, 1),
            object(Shape.CIRCLE, Colour.RED, 2),
            object(Shape.CIRCLE, Colour.BLUE, 3),
            object(Shape.SQUARE, Colour.YELLOW, 4)));

    @Test
    void countsBySelector() {
        assertThat(Questions.count(scene, Colour.RED, Shape.TRIANGLE).text())
                .isEqualTo("How many red triangles are in the image? Answer with a number.");
        assertThat(Questions.count(scene, Colour.RED, Shape.TRIANGLE).answer()).isEqualTo("2");
        assertThat(Questions.count(scene, Colour.RED, null).answer()).isEqualTo("3");
        assertThat(Questions.count(scene, null, Shape.CIRCLE).text()).isEqualTo("How many circles are in the image? Answer with a number.");
        assertThat(Questions.count(scene, null, Shape.CIRCLE).answer()).isEqualTo("2");
        assertThat(Questions.count(scene, Colour.GREEN, null).answer()).isEqualTo("0");
    }

    @Test
    void existence() {
        Question present = Questions.exists(scene, Colour.BLUE, Shape.CIRCLE);
        assertThat(present.text()).isEqualTo("Is there a blue circle in the image? Answer yes or no.");
        assertThat(present.answer()).isEqualTo("yes");
        assertThat(present.questionType()).isEqualTo("yes_no");
        assertThat(Questions.exists(scene, Colour.BLUE, Shape.SQUARE).answer()).isEqualTo("no");
    }

    @Test
    void colourAndShapeOfTheOnlyOne() {
        Question colour = Questions.colourOf(scene, Shape.SQUARE, List.of(Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.BLUE));
        assertThat(colour.text()).isEqualTo("What colour is the square in the image? Answer with the option letter.");
        assertThat(colour.choices()).containsExactly("green", "yellow", "red", "blue");
        assertThat(colour.answer()).isEqualTo("B");

        Question shape = Questions.shapeOf(scene, Colour.BLUE, List.of("star", "square", "triangle", "circle"));
        assertThat(shape.text()).isEqualTo("What shape is the blue object in the image? Answer with the option letter.");
        assertThat(shape.answer()).isEqualTo("D");

        assertThatThrownBy(() -> Questions.colourOf(scene, Shape.TRIANGLE, List.of(Colour.values())))
                .hasMessageContaining("exactly one triangle, it holds 2");
    }

    @Test
    void pointsAddColourValuesAndShapeBonuses() {
        Map<Colour, Integer> points = new LinkedHashMap<>();
        points.put(Colour.RED, 3);
        points.put(Colour.BLUE, 5);
        Question q = Questions.points(scene, points, Shape.TRIANGLE, 2);
        assertThat(q.text()).isEqualTo("Each red shape is worth 3 points and each blue shape is worth 5 points. "
                + "Every triangle earns 2 bonus points. Shapes of other colours are worth 0 points. "
                + "What is the total number of points for the shapes in the image? Answer with a number.");
        // red: 3 x 3 = 9, blue: 5, yellow: 0, two triangles: 2 x 2 = 4
        assertThat(q.answer()).isEqualTo("18");
        assertThat(q.task()).isEqualTo("reasoning");

        Question noBonus = Questions.points(scene, Map.of(Colour.YELLOW, 1), null, 0);
        assertThat(noBonus.text()).startsWith("Each yellow shape is worth 1 point. Shapes of other colours");
        assertThat(noBonus.answer()).isEqualTo("1");

        Question choice = Questions.pointsChoice(scene, points, Shape.TRIANGLE, 2, List.of(17, 20, 18, 16));
        assertThat(choice.answer()).isEqualTo("C");
        assertThat(choice.choices()).containsExactly("17", "20", "18", "16");
        assertThat(choice.text()).endsWith("in the image? Answer with the option letter.");
    }

    @Test
    void changeIsPaidMinusCost() {
        Map<Colour, Integer> prices = new LinkedHashMap<>();
        prices.put(Colour.RED, 4);
        prices.put(Colour.BLUE, 2);
        Question q = Questions.change(scene, prices, 1, "Mia", 30);
        assertThat(q.text()).isEqualTo("Red shapes cost 4 coins each, blue shapes cost 2 coins each and all other shapes cost 1 coin each. "
                + "Mia buys every shape in the image and pays with 30 coins. How many coins does Mia get back? Answer with a number.");
        // 3 red x 4 + 1 blue x 2 + 1 yellow x 1 = 15
        assertThat(q.answer()).isEqualTo("15");
        assertThatThrownBy(() -> Questions.change(scene, prices, 1, "Mia", 10)).hasMessageContaining("less than the cost 15");
    }

    @Test
    void boxesRoundUpThenPay() {
        Question q = Questions.boxes(scene, Colour.RED, null, 2, 5);
        assertThat(q.text()).isEqualTo("A box holds 2 shapes. Each box costs 5 coins. "
                + "How many coins do the boxes for all the red shapes in the image cost in total? Answer with a number.");
        assertThat(q.answer()).isEqualTo("10"); // 3 red shapes need 2 boxes
        assertThat(Questions.boxes(scene, null, null, 4, 3).answer()).isEqualTo("6"); // 5 shapes, 2 boxes
        assertThat(Questions.boxes(scene, Colour.GREEN, null, 4, 3).answer()).isEqualTo("0");
    }

    private static SceneObject object(Shape shape, Colour colour, int cell) {
        return new SceneObject(shape, colour, cell % Scene.COLUMNS, cell / Scene.COLUMNS, 50, 10, 10);
    }
}
