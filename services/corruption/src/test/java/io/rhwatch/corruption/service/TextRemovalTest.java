package io.rhwatch.corruption.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRemovalTest {

    @Test
    void keepsOnlyTheFinalInstructionOfAGeneratedQuestion() {
        assertThat(TextRemoval.strip(
                "There are 3 red circles and 2 blue squares. How many shapes are there in total? Answer with a number."))
                .isEqualTo("Answer with a number.");
    }

    @Test
    void splitsOnLineBreaksAndStripsDigitsLeftInTheInstruction() {
        assertThat(TextRemoval.strip(
                "A triangle has sides 3, 4 and 5.\nWhat is its area?\nAnswer with a number rounded to 2 decimal places."))
                .isEqualTo("Answer with a number rounded to decimal places.");
    }

    @Test
    void keepsEveryInstructionSentenceInOrder() {
        assertThat(TextRemoval.strip(
                "Given 5 apples on the table, which one is the largest? Choose the correct option. Reply with one letter."))
                .isEqualTo("Choose the correct option. Reply with one letter.");
        assertThat(TextRemoval.strip("Is the square left of the circle? Please answer yes or no."))
                .isEqualTo("Please answer yes or no.");
        assertThat(TextRemoval.strip("The bar is 12 cm long. select the option that fits."))
                .isEqualTo("select the option that fits.");
    }

    @Test
    void fallsBackToANeutralInstructionWhenNoneRemains() {
        assertThat(TextRemoval.strip("What colour is the big circle?")).isEqualTo(TextRemoval.NEUTRAL_INSTRUCTION);
        assertThat(TextRemoval.strip("Given that x = 4, what is 2x?")).isEqualTo(TextRemoval.NEUTRAL_INSTRUCTION);
        assertThat(TextRemoval.strip("Answers: 1 2 3. 42")).isEqualTo(TextRemoval.NEUTRAL_INSTRUCTION);
    }
}
