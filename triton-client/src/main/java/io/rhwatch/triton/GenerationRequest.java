package io.rhwatch.triton;

import java.util.List;

/**
 * One generation asked of a model served by Triton.
 *
 * @param model     Triton's model name
 * @param requestId echoed by Triton; names the probe and the step in its logs
 * @param prompt    the full prompt text
 * @param image     the probe's image, shared by all the probe's requests; null for a text-only request (the judge's)
 * @param maxTokens max_tokens of the generation
 * @param stop      stop strings (left out of the generated text by the backend)
 * @param stream    stream the text as it is generated, one response per chunk, each with its token count
 */
public record GenerationRequest(String model, String requestId, String prompt, ModelImage image,
                                int maxTokens, List<String> stop, boolean stream) {

    public GenerationRequest {
        stop = List.copyOf(stop);
    }

    /** A request without an image, e.g. the judge's question about an answer. */
    public static GenerationRequest textOnly(String model, String requestId, String prompt, int maxTokens) {
        return new GenerationRequest(model, requestId, prompt, null, maxTokens, List.of(), false);
    }
}
