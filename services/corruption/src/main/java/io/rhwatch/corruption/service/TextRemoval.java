package io.rhwatch.corruption.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text_removal corruption: drops the problem statement and its numeric conditions from a question, keeping only
 * the instruction to answer ("Answer with a number.", "Please answer yes or no.") and the options offered — so the
 * answer can only come from the image, or from hallucination.
 * <p>
 * A sentence (or a clause ending in a colon) is kept only when it is an <em>answer instruction</em>: it has an
 * instruction verb ({@code answer}, {@code choose}, {@code give}, …) or says "your answer …", and every other word is
 * about the form of the answer or how to arrive at it ({@code option}, {@code letter}, {@code integer},
 * {@code decimal}, {@code word}, units, "think step by step", …). So "Give your answer in cm." stays and "Give the area of the triangle whose
 * base is twelve." goes: a sentence phrased as an instruction that names what to compute is problem statement. Numbers
 * left in a kept instruction, digits or words ("rounded to 2 decimal places", "two"), are removed too; "one" stays,
 * as in "one word". Lines that list options ({@code (A) 12}, {@code Choices:}) stay as they are.
 */
public final class TextRemoval {

    /** What the model is asked when the question had no instruction of its own. */
    public static final String NEUTRAL_INSTRUCTION = "Answer the question.";

    /** Sentence ends, and colons (a label or a lead-in: "Question:", "Answer the following:"); not "e.g." or "i.e.". */
    private static final Pattern CLAUSE_BREAK =
            Pattern.compile("(?<![Ee]\\.[Gg]\\.|[Ii]\\.[Ee]\\.)(?<=[.!?:])\\s+|(?<=[\u3002\uFF1F\uFF01\uFF1A])\\s*");
    private static final Pattern OPTION_LINE = Pattern.compile("^\\(?[A-H][).:]\\s*\\S.*|^(?i:choices|options)\\s*:?$");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?\\p{Nd}+(?:[.,]\\p{Nd}+)*%?|(?i)\\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    + "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                    + "seventy|eighty|ninety|hundred|thousand|million|billion|half|twice|thrice|double|triple|dozen)\\b");
    /** What removing numbers leaves behind: emptied brackets ("[, , ]"), then runs of commas ("e.g., , , at"). */
    private static final Pattern EMPTIED_BRACKETS = Pattern.compile("[\\[(][\\s,]*[\\])]");
    private static final Pattern COMMA_RUN = Pattern.compile(",(?:\\s*,)+");
    private static final Pattern RUNS_OF_SPACE = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+(?=[.,;:!?)])");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private static final Set<String> INSTRUCTION_VERBS = Set.of("answer", "respond", "reply", "choose", "select", "pick",
            "give", "provide", "write", "state", "enter", "output", "put", "express", "round", "return", "use",
            "indicate", "mark", "report", "format");
    /** "Your answer should be …", "The final answer must be …". */
    private static final Pattern ANSWER_SUBJECT =
            Pattern.compile("^(?i:(?:your|the)\\s+(?:final\\s+|correct\\s+)?(?:answer|response)\\b)");
    /** Words about the form of the answer, or the evidence to use: they state no condition of the problem. */
    private static final Set<String> ANSWER_FORM = Set.of(
            "answer", "answers", "response", "reply", "question", "questions", "option", "options", "letter", "letters",
            "choice", "choices", "alternative", "correct", "best", "right", "appropriate", "fits", "matches", "most",
            "yes", "no", "true", "false", "integer", "integers", "whole", "number", "numbers", "numeral", "numeric",
            "numerical", "digit", "digits", "decimal", "decimals", "place", "places", "point", "floating", "significant",
            "figures", "nearest", "tenth", "hundredth", "thousandth", "fraction", "fractions", "percentage", "percent",
            "simplest", "lowest", "terms", "form", "word", "words", "phrase", "single", "sentence", "short", "brief",
            "briefly", "concise", "final", "value", "result", "format", "unit", "units", "box", "boxed", "end",
            "requiring", "require", "requires", "required", "following", "above", "below", "listed", "given",
            "rounded", "using", "without", "explanation", "explanations", "reasoning", "directly", "exactly", "capital",
            "uppercase", "lowercase", "text", "only", "image", "figure", "picture", "photo", "diagram", "graph", "chart",
            "cm", "mm", "km", "centimeters", "centimetres", "meters", "metres", "millimeters", "millimetres",
            "kilometers", "kilometres", "inches", "inch", "feet", "foot", "yards", "miles", "degrees", "degree",
            "radians", "seconds", "minutes", "hours", "grams", "kilograms", "kg", "dollars", "cents", "square", "cubic",
            "per", "amperes", "volts", "ohms", "watts", "newtons", "joules", "liters", "litres", "milliliters",
            "millilitres", "one", "list", "apply", "based", "python", "think", "step", "carefully", "first", "conduct", "explain",
            "according", "shown", "then", "finally", "please", "kindly", "now");
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "to", "of", "in", "on", "with", "as",
            "by", "for", "from", "at", "and", "or", "your", "you", "it", "its", "is", "are", "be", "should", "must",
            "will", "can", "that", "which", "this", "these", "those", "than", "not", "do", "does", "all", "any", "each",
            "just", "also", "here", "if", "into", "so", "after", "before", "like", "such", "between", "among", "e",
            "g", "i", "ie", "eg", "s", "within", "me");

    private TextRemoval() {
    }

    public static String strip(String question) {
        List<String> instructions = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : question.strip().split("\\R+")) {
            String trimmed = line.strip();
            if (OPTION_LINE.matcher(trimmed).matches()) {
                options.add(trimmed);
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String clause : CLAUSE_BREAK.split(trimmed)) {
                if (isAnswerInstruction(clause.strip())) {
                    kept.add(withoutNumbers(clause.strip()));
                }
            }
            String instruction = String.join(" ", kept).strip();
            if (LETTER.matcher(instruction).find()) {
                instructions.add(instruction);
            }
        }
        List<String> lines = new ArrayList<>(instructions.isEmpty() ? List.of(NEUTRAL_INSTRUCTION) : instructions);
        lines.addAll(options);
        return String.join("\n", lines);
    }

    /** Instructs to answer, and every word is about the answer, its form or how to arrive at it. */
    static boolean isAnswerInstruction(String clause) {
        boolean instructs = ANSWER_SUBJECT.matcher(clause).find();
        Matcher word = WORD.matcher(clause);
        while (word.find()) {
            String w = word.group();
            String lower = w.toLowerCase(Locale.ROOT);
            boolean optionLetter = w.length() == 1 && Character.isUpperCase(w.charAt(0));
            boolean verb = INSTRUCTION_VERBS.contains(lower);
            if (!verb && !optionLetter && !ANSWER_FORM.contains(lower) && !FUNCTION_WORDS.contains(lower)
                    && !NUMBER.matcher(w).matches()) {
                return false;
            }
            instructs |= verb;
        }
        return instructs;
    }

    /** A number left in an instruction ("rounded to 2 decimal places") could still carry a condition: it goes. */
    private static String withoutNumbers(String instruction) {
        String stripped = NUMBER.matcher(instruction).replaceAll("");
        stripped = RUNS_OF_SPACE.matcher(stripped).replaceAll(" ");
        stripped = EMPTIED_BRACKETS.matcher(stripped).replaceAll("");
        stripped = COMMA_RUN.matcher(stripped).replaceAll(",");
        stripped = RUNS_OF_SPACE.matcher(stripped).replaceAll(" ");
        stripped = SPACE_BEFORE_PUNCTUATION.matcher(stripped).replaceAll("").strip();
        return stripped.endsWith(":") ? stripped.substring(0, stripped.length() - 1) + "." : stripped;
    }
}
