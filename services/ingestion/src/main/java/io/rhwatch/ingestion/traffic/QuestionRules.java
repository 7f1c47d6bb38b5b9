package io.rhwatch.ingestion.traffic;

import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The task and question type of traffic that brings no hint (docs/LABEL_FREE.md, "Task of unlabelled traffic").
 * A question is reasoning when answering it takes a computation on what the image shows: it carries a number, or
 * words of arithmetic, money, scoring or geometry. Anything else (what colour, which shape, is there, where, how many
 * of something are visible) is perception: its answer is read off the image.
 */
public final class QuestionRules {

    /** "Answer with a number." and the like: the answer format, not the question. */
    private static final Pattern ANSWER_INSTRUCTION = Pattern.compile("(?i)\\banswer (with|yes or no)[^.?!]*[.?!]?");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern ARITHMETIC_SIGN = Pattern.compile("[+×÷=*/%]");
    private static final Pattern REASONING_WORDS = Pattern.compile("\\b(total|sum|add|adds|added|subtract|minus|plus|times"
            + "|multipl(y|ied)|divide[ds]?|difference|average|mean|cost|costs|price|prices|pay|pays|paid|change|coins?"
            + "|money|dollars?|worth|points?|score|bonus|each|per|remain(s|ing)?|left over|(more|fewer|less)( \\w+)? than"
            + "|calculate|compute|solve|equation|area|perimeter|angle|probability|ratio|percent(age)?)\\b");
    private static final Pattern YES_NO_START = Pattern.compile("^(is|are|does|do|did|can|could|was|were|has|have|will|should)\\b");
    private static final Pattern NUMERIC = Pattern.compile("^how (many|much)\\b|\\bwhat is the (total|number|sum)\\b|answer with a number");

    private QuestionRules() {
    }

    /** The task the traffic names, or the rule's when it names none. */
    public static Task task(Task hint, String question) {
        return hint != Task.TASK_UNSPECIFIED ? hint : task(question);
    }

    /** Reasoning when the question asks for a computation; perception otherwise. */
    public static Task task(String question) {
        String asked = ANSWER_INSTRUCTION.matcher(question).replaceAll(" ").toLowerCase(Locale.ROOT);
        boolean computes = DIGIT.matcher(asked).find() || ARITHMETIC_SIGN.matcher(asked).find()
                || REASONING_WORDS.matcher(asked).find();
        return computes ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
    }

    /** The question type the traffic names, or one read from the question and its choices. */
    public static QuestionType questionType(QuestionType hint, String question, List<String> choices) {
        if (hint != QuestionType.QUESTION_TYPE_UNSPECIFIED) {
            return hint;
        }
        if (choices.size() >= 2) {
            return QuestionType.QUESTION_TYPE_MULTI_CHOICE;
        }
        String text = question.strip().toLowerCase(Locale.ROOT);
        if (YES_NO_START.matcher(text).find()) {
            return QuestionType.QUESTION_TYPE_YES_NO;
        }
        return NUMERIC.matcher(text).find() ? QuestionType.QUESTION_TYPE_NUMERIC : QuestionType.QUESTION_TYPE_FREE_FORM;
    }
}
