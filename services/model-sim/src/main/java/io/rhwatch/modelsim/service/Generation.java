package io.rhwatch.modelsim.service;

import java.util.List;

/**
 * What one request generated.
 *
 * @param tokens       the output tokens in order; joined they are the output text
 * @param finishReason {@code length} when the token limit cut it, {@code stop} when it ended by itself or at a stop string
 */
public record Generation(List<String> tokens, String finishReason) {

    public static final String LENGTH = "length";
    public static final String STOP = "stop";

    public Generation {
        tokens = List.copyOf(tokens);
    }

    public String text() {
        return String.join("", tokens);
    }
}
