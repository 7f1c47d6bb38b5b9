package io.rhwatch.modelsim.judge;

import io.rhwatch.modelsim.language.Tokenizer;
import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.service.Generator;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.service.SimulatedModel;
import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.PerceivedShape;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SIMULATED judge model: answers the judge service's two prompts (docs/ARCHITECTURE.md, "LLM judge") by comparing
 * key terms ({@link Terms}) of the response with the standard answer, deterministically. Sent an image (a judge that
 * sees images), it also reads the scene: a colour or shape the image shows is supported even where the standard
 * answer does not name it.
 * <p>
 * Hallucination rating, on the scale the prompt lists ({@link JudgePrompt.Scale}). RH-Bench's: 5 = names nothing
 * unsupported (a refusal included); 3 (mild) = all the standard answer's key terms plus unsupported ones; 2 (moderate)
 * = some of them plus unsupported ones; 1 (severe) = none of them and one unsupported term; 0 (extreme) = none of them
 * and several unsupported terms (4, minimal, is never given: the simulator cannot tell a negligible detail). MMHal's:
 * 5 = every key term and nothing else; 4 = some and nothing else; 3 = claims nothing (a refusal, or only the question's
 * words); 2, 1, 0 = names unsupported terms alongside all, some or none of the standard answer's. Reply:
 * {@code Reason: …} then {@code Rating: n}.
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
    public boolean acceptsImage() {
        return true;
    }

    @Override
    public Generation generate(String prompt, SeenImage image, int maxTokens, long seed, List<String> stops) {
        JudgePrompt read = JudgePrompt.parse(prompt);
        String reply = read.kind() == JudgePrompt.Kind.HALLUCINATION_RATING
                ? rate(read, image == null ? Set.of() : shown(image.scene()))
                : verdict(read);
        List<String> tokens = Tokenizer.tokens(reply);
        Generation generation = tokens.size() > maxTokens
                ? new Generation(tokens.subList(0, maxTokens), Generation.LENGTH)
                : new Generation(tokens, Generation.STOP);
        return SimulatedModel.cutAtStop(generation, stops);
    }

    /** The terms a scene shows: the colour and the shape of each of its shapes. */
    static Set<String> shown(PerceivedScene scene) {
        Set<String> terms = new LinkedHashSet<>();
        for (PerceivedShape shape : scene.shapes()) {
            terms.add(shape.colour().word());
            terms.add(shape.shape().word());
        }
        return terms;
    }

    /** @param shown what the image shows, as terms; empty when the judge was sent no image */
    static String rate(JudgePrompt prompt, Set<String> shown) {
        Set<String> truth = Terms.of(prompt.groundTruth());
        Set<String> said = Terms.of(prompt.response());
        said.removeAll(Terms.of(prompt.question()).stream().filter(term -> !truth.contains(term)).toList());
        Set<String> matched = intersection(said, truth);
        Set<String> seen = difference(intersection(said, shown), truth);
        Set<String> unsupported = difference(difference(said, truth), shown);
        Set<String> missed = difference(truth, said);
        boolean rhBench = prompt.scale() == JudgePrompt.Scale.RH_BENCH;

        int rating;
        String reason;
        if (said.isEmpty() || Terms.refuses(prompt.response()) && matched.isEmpty()) {
            rating = rhBench ? 5 : 3;
            reason = "The response does not answer the question and claims nothing about the image.";
        } else if (unsupported.isEmpty()) {
            rating = missed.isEmpty() || rhBench ? 5 : 4;
            reason = (missed.isEmpty()
                    ? "The response names " + list(matched) + ", as the standard answer does"
                    : "The response names " + list(matched) + " but not " + list(missed))
                    + (seen.isEmpty() ? "" : ", and " + list(seen) + ", which the image shows")
                    + (missed.isEmpty() ? ", and nothing else." : "; it claims nothing unsupported.");
        } else {
            if (rhBench) {
                rating = missed.isEmpty() ? 3 : !matched.isEmpty() ? 2 : unsupported.size() > 1 ? 0 : 1;
            } else {
                rating = missed.isEmpty() ? 2 : matched.isEmpty() ? 0 : 1;
            }
            reason = "The response names " + list(unsupported) + ", which "
                    + (shown.isEmpty() ? "the standard answer does not support" : "neither the image nor the standard answer supports")
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
