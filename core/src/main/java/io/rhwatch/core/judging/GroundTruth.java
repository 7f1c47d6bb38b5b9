package io.rhwatch.core.judging;

import io.rhwatch.proto.v1.QuestionType;

import java.util.List;
import java.util.Optional;

/**
 * What a ground truth is, which decides how an answer is compared with it: an option of the choices
 * (by letter or by its text), a number (whatever the question type: MathVista marks numeric questions
 * free form), a yes or a no, or a text.
 *
 * @param form   how answers are read and compared
 * @param option the option's index, for {@link Form#OPTION}
 * @param number the value, for {@link Form#NUMBER}
 * @param text   the ground truth as given; {@code yes}/{@code no} for {@link Form#YES_NO}
 */
record GroundTruth(Form form, int option, Numbers.Mention number, String text) {

    enum Form { OPTION, NUMBER, YES_NO, TEXT }

    static GroundTruth read(QuestionType type, String truth, List<String> choices) {
        if (!choices.isEmpty() || type == QuestionType.QUESTION_TYPE_MULTI_CHOICE) {
            Optional<Integer> option = OptionReader.groundTruth(truth, choices);
            if (option.isPresent()) {
                return new GroundTruth(Form.OPTION, option.get(), null, truth);
            }
        }
        Optional<Numbers.Mention> number = Numbers.whole(truth);
        if (number.isPresent()) {
            return new GroundTruth(Form.NUMBER, -1, number.get(), truth);
        }
        String normalised = Phrases.normalise(truth);
        if (normalised.equals("yes") || normalised.equals("no")) {
            return new GroundTruth(Form.YES_NO, -1, null, normalised);
        }
        return new GroundTruth(Form.TEXT, -1, null, truth);
    }

    /** The form a question type's answers take when there is no ground truth to look at. */
    static Form formOf(QuestionType type) {
        return switch (type) {
            case QUESTION_TYPE_MULTI_CHOICE -> Form.OPTION;
            case QUESTION_TYPE_NUMERIC -> Form.NUMBER;
            case QUESTION_TYPE_YES_NO -> Form.YES_NO;
            default -> Form.TEXT;
        };
    }
}
