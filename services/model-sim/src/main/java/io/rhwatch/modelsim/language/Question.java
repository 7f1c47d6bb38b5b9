package io.rhwatch.modelsim.language;

import java.util.List;

/**
 * A question as the simulator understood it.
 *
 * @param text    the full question as asked, choices included: what the simulator's answers are keyed on
 * @param choices the option texts in order, option letter A first; empty when there are none
 * @param form    how the answer must be given, from the final "Answer ..." instruction
 */
public record Question(String text, List<String> choices, AnswerForm form, Query query) {

    public enum AnswerForm {
        NUMBER,
        YES_NO,
        LETTER,
        /** No instruction the simulator recognises: it answers in the form its value comes in. */
        FREE
    }

    public Question {
        choices = List.copyOf(choices);
    }

    public static String letter(int index) {
        return String.valueOf((char) ('A' + index));
    }
}
