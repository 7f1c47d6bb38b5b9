package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.language.Prompt;
import io.rhwatch.modelsim.language.Question;
import io.rhwatch.modelsim.language.QuestionReader;
import io.rhwatch.modelsim.language.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulated multimodal reasoning model (a simulator, not a model: it reads shapes from pixels and answers the
 * benchmark's grammar, erring as its profile says). Given a prompt whose thinking is open it thinks for exactly
 * {@code maxTokens} tokens; given a prompt whose thinking is closed it answers, with its accuracy set by how many
 * thinking tokens came before. Deterministic: the same request gives the same output.
 */
public final class SimulatedModel implements Generator {

    private final ModelProfile profile;

    public SimulatedModel(ModelProfile profile) {
        this.profile = profile;
    }

    public ModelProfile profile() {
        return profile;
    }

    @Override
    public boolean readsImage() {
        return true;
    }

    /**
     * @param seed  the request's sampling seed: varies the wording of the thinking, never the answer's correctness
     * @param stops stop strings: output ends before the first one, with finish reason {@code stop}
     */
    @Override
    public Generation generate(String promptText, SeenImage image, int maxTokens, long seed, List<String> stops) {
        Prompt prompt = Prompt.parse(promptText);
        Question question = QuestionReader.read(prompt.question());
        Generation generation;
        if (prompt.mode() == Prompt.Mode.THINKING) {
            long wording = Draws.mix(Draws.of(profile.seed(), image.digest(), question.text()).style(), seed);
            generation = new Generation(ThinkingWriter.write(question, image.scene(), wording, maxTokens), Generation.LENGTH);
        } else {
            Answer answer = answer(question, image, prompt.thinkingTokens());
            List<String> tokens = Tokenizer.tokens(answer.text());
            generation = tokens.size() > maxTokens
                    ? new Generation(tokens.subList(0, maxTokens), Generation.LENGTH)
                    : new Generation(tokens, Generation.STOP);
        }
        return cutAtStop(generation, stops);
    }

    /** The final answer for a question after {@code thinkingTokens} of thinking. */
    public Answer answer(Question question, SeenImage image, int thinkingTokens) {
        Draws draws = Draws.of(profile.seed(), image.digest(), question.text());
        return Answerer.answer(profile, question, image.scene(), draws, thinkingTokens);
    }

    /** The generation ended before the first of {@code stops} it contains, with finish reason {@code stop}. */
    public static Generation cutAtStop(Generation generation, List<String> stops) {
        String text = generation.text();
        int cut = -1;
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut < 0) {
            return generation;
        }
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String token : generation.tokens()) {
            if (length + token.length() <= cut) {
                kept.add(token);
                length += token.length();
            } else {
                if (length < cut) {
                    kept.add(token.substring(0, cut - length));
                }
                break;
            }
        }
        return new Generation(kept, Generation.STOP);
    }
}
