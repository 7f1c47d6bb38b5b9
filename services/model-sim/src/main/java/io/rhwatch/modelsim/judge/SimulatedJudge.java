package io.rhwatch.modelsim.judge;

import io.rhwatch.modelsim.language.Tokenizer;
import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.service.Generator;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.service.SimulatedModel;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SIMULATED judge model: answers the judge service's two prompts (docs/ARCHITECTURE.md, "LLM judge") by comparing
 * key terms ({@link Terms}) of the response with the standard answer, deterministically. It never sees an image.
 * <p>
 * Hallucination rating: 5 = names every key term of the standard answer and nothing else; 4 = some of them and
 * nothing else; 3 = claims nothing (a refusal, or only the question's words); 2, 1, 0 = names terms the standard
 * answer does not have, alongside all, some or none of its own. Reply: {@code Reason: …} then {@code Rating: n}.
 * <p>
 * Correctness: a standard answer with one number is compared with the last number of the response; any other with
 * its key terms, all of which the response must name. Reply: {@code Answer: …}, {@code Verdict: correct|incorrect|none},
 * {@code Reason: …}; a refusal, or a response with nothing to compare, gets {@code none}.
 */
public final class SimulatedJudge implements Generator {

    @Override
    public boolean readsImage() {
        return false;
    }

    @Override
    public Generation generate(String prompt, SeenImage image, int maxTokens, long seed, List<String> stops) {
        JudgePrompt read = JudgePrompt.parse(prompt);
        String reply = read.kind() == JudgePrompt.Kind.HALLUCINATION_RATING ? rate(read) : verdict(read);
        List<String> tokens = Tokenizer.tokens(reply);
        Generation generation = tokens.size() > maxTokens
                ? new Generation(tokens.subList(0, maxTokens), Generation.LENGTH)
                : new Generation(tokens, Generation.STOP);
        return SimulatedModel.cutAtStop(generation, stops);
    }

    static String rate(JudgePrompt prompt) {
        Set<String> truth = Terms.of(prompt.groundTruth());
        Set<String> said = Terms.of(prompt.response());
        said.removeAll(Terms.of(prompt.question()).stream().filter(term -> !truth.contains(term)).toList());
        Set<String> matched = intersection(said, truth);
        Set<String> unsupported = difference(said, truth);
        Set<String> missed = difference(truth, said);

        int rating;
        String reason;
        if (said.isEmpty() || Terms.refuses(prompt.response()) && matched.isEmpty()) {
            rating = 3;
            reason = "The response does not answer the question and claims nothing about the image.";
        } else if (unsupported.isEmpty()) {
            rating = missed.isEmpty() ? 5 : 4;
            reason = missed.isEmpty()
                    ? "The response names " + list(matched) + ", as the standard answer does, and nothing else."
                    : "The response names " + list(matched) + " but not " + list(missed) + "; it claims nothing unsupported.";
        } else {
            rating = missed.isEmpty() ? 2 : matched.isEmpty() ? 0 : 1;
            reason = "The response names " + list(unsupported) + ", which the standard answer does not support"
                    + (matched.isEmpty() ? "; the standard answer has " + list(truth) + "." : "; it agrees on " + list(matched) + ".");
        }
        return "Reason: " + reason + "\nRating: " + rating;
    }

    static String verdict(JudgePrompt prompt) {
        String response = prompt.response();
        if (Terms.refuses(response) || Terms.of(response).isEmpty()) {
            return reply("none", "none", "The response gives no final answer.");
        }
        List<BigDecimal> truthNumbers = Terms.numbers(prompt.groundTruth());
        if (truthNumbers.size() == 1) {
            BigDecimal expected = truthNumbers.get(0);
            Optional<BigDecimal> given = Terms.lastNumber(response);
            if (given.isEmpty()) {
                return reply("none", "none", "The response states no number; the standard answer is " + plain(expected) + ".");
            }
            boolean same = given.get().compareTo(expected) == 0;
            return reply(plain(given.get()), same ? "correct" : "incorrect", "The response's final number " + plain(given.get())
                    + (same ? " equals" : " differs from") + " the standard answer " + plain(expected) + ".");
        }
        Set<String> truth = Terms.of(prompt.groundTruth());
        Set<String> missed = difference(truth, Terms.of(response));
        String answer = lastLine(response);
        return missed.isEmpty()
                ? reply(answer, "correct", "The response names " + list(truth) + ", as the standard answer does.")
                : reply(answer, "incorrect", "The response does not name " + list(missed) + " of the standard answer.");
    }

    private static String reply(String answer, String verdict, String reason) {
        return "Answer: " + answer + "\nVerdict: " + verdict + "\nReason: " + reason;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.length() <= 80 ? last : last.substring(last.length() - 80);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> result = new LinkedHashSet<>(a);
        result.retainAll(b);
        return result;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static String list(Set<String> terms) {
        return terms.stream().map(term -> "'" + term + "'").collect(Collectors.joining(", "));
    }
}
