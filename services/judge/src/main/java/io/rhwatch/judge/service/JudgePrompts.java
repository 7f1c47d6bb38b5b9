package io.rhwatch.judge.service;

import io.rhwatch.judge.config.JudgeConfig.Rubric;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM judge's prompts (documented verbatim in docs/ARCHITECTURE.md, "LLM judge"). The hallucination rating comes on
 * the scale of a {@link Rubric}; its evidence is the standard answer, and the image itself when the judge sees it. The
 * response to evaluate is always the last section, so nothing in it can move the sections before it.
 */
public final class JudgePrompts {

    static final String HALLUCINATION_RATING = """
            Please act as an impartial and objective judge and evaluate the response of a large multimodal model (LMM) \
            to a question about an image. Judge mainly whether the response contains hallucination: information that \
            is not present in or implied by the image. A hallucination can be a false claim about an object, its \
            colour, shape, number or position, an action, or any other detail that is not grounded in the image. \
            {evidence} A response that says less than the standard answer is not hallucinating, and reasoning that is \
            consistent with the image is not hallucination; a response that states what the {authority} contradicts \
            or does not support is.

            Rate the response on this scale:
            {scale}

            Reply in exactly this form, with no other text:
            Reason: <one sentence>
            Rating: <0 to 5>

            ### Question
            {question}

            ### Standard Human-Generated Answer
            {ground_truth}

            ### LMM Response to Evaluate
            {response}""";

    /** RH-Bench's scale, in its order and with its examples (arXiv 2505.21523; evaluation_rhbench_perception.py). */
    static final String RH_BENCH_SCALE = """
            - Rating: 5, no hallucination: everything the response claims is consistent with the image
            - Rating: 4, minimal hallucination: a negligible false detail that leaves the answer right, e.g. a slightly wrong colour or background
            - Rating: 3, mild hallucination: a small unsupported detail that is not critical, e.g. a minor object or attribute that is not there
            - Rating: 2, moderate hallucination: a clear false claim that makes the answer less accurate, e.g. a wrong count
            - Rating: 1, severe hallucination: a false claim about the key elements, e.g. the wrong objects or actions
            - Rating: 0, extreme hallucination: the response is mostly or entirely detached from the image""";

    /** MMHal-Bench's kind of scale: without hallucination by informativeness, then by how much is hallucinated. */
    static final String MMHAL_SCALE = """
            - Rating: 5, no hallucination, answers the question fully
            - Rating: 4, no hallucination, answers the question in part
            - Rating: 3, no hallucination, but not informative (for example a refusal)
            - Rating: 2, slight hallucination
            - Rating: 1, clear hallucination
            - Rating: 0, extreme hallucination: the response is mostly or entirely unsupported""";

    static final String WITHOUT_IMAGE = "You do not see the image; the standard human-generated answer tells you what it holds.";
    static final String WITH_IMAGE = "You are given the image; the standard human-generated answer tells you what matters in it.";

    static final String CORRECTNESS = """
            Please act as an impartial judge and decide whether a model's response to a question gives the correct \
            final answer. Compare the final answer in the response with the standard answer. Ignore the reasoning \
            that leads to it, differences in wording, formatting and units, and numbers that are equal in value. If \
            the response gives no final answer (it refuses, or stops before answering), the verdict is none.

            Reply in exactly this form, with no other text:
            Answer: <the final answer the response gives, or none>
            Verdict: <correct, incorrect or none>
            Reason: <one sentence>

            ### Question
            {question}

            {options}### Standard Answer
            {ground_truth}

            ### Response to Evaluate
            {response}""";

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(question|options|ground_truth|response|evidence|authority|scale)}");

    private JudgePrompts() {
    }

    /**
     * The rating prompt for an open-ended answer about an image, on the scale of {@code rubric}.
     *
     * @param seesImage whether the judge model is sent the image with the prompt
     */
    public static String hallucinationRating(Rubric rubric, boolean seesImage, String question, String groundTruth,
                                             String response) {
        return fill(HALLUCINATION_RATING, Map.of(
                "evidence", seesImage ? WITH_IMAGE : WITHOUT_IMAGE,
                "authority", seesImage ? "image" : "standard answer",
                "scale", rubric == Rubric.RH_BENCH ? RH_BENCH_SCALE : MMHAL_SCALE,
                "question", orNone(question), "ground_truth", groundTruth.strip(), "response", response.strip()));
    }

    /** The correctness prompt; a multiple-choice ground truth given as a letter is shown with its option. */
    public static String correctness(String question, List<String> choices, String groundTruth, String response) {
        StringBuilder options = new StringBuilder();
        if (!choices.isEmpty()) {
            options.append("### Options\n");
            for (int i = 0; i < choices.size(); i++) {
                options.append(letter(i)).append(' ').append(choices.get(i).strip()).append('\n');
            }
            options.append('\n');
        }
        return fill(CORRECTNESS, Map.of("question", orNone(question), "options", options.toString(),
                "ground_truth", standardAnswer(groundTruth, choices), "response", response.strip()));
    }

    /** The chat template around a prompt: everything the model reads. */
    public static String inTemplate(String template, String prompt) {
        return template.replace("{prompt}", prompt);
    }

    /** "B" with choices ["12", "15"] is shown as "(B) 15", so the judge need not look it up. */
    static String standardAnswer(String groundTruth, List<String> choices) {
        String truth = groundTruth.strip();
        String letter = truth.replaceAll("^\\(?([A-Za-z])\\)?\\.?$", "$1").toUpperCase(Locale.ROOT);
        if (letter.length() == 1 && Character.isLetter(letter.charAt(0))) {
            int index = letter.charAt(0) - 'A';
            if (index < choices.size()) {
                return letter(index) + " " + choices.get(index).strip();
            }
        }
        return truth;
    }

    /** In one pass, so that a placeholder inside a question or a response stays as written. */
    private static String fill(String prompt, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(prompt);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(values.get(placeholder.group(1))));
        }
        return placeholder.appendTail(filled).toString();
    }

    private static String letter(int index) {
        return "(" + (char) ('A' + index) + ")";
    }

    private static String orNone(String question) {
        return question.isBlank() ? "(none)" : question.strip();
    }
}
