package io.rhwatch.triton;

import java.util.List;

/**
 * What one Triton generation returned: the text in the chunks the backend sent it in, each with its
 * own token count, and why the generation ended.
 *
 * @param chunks       the text deltas in arrival order
 * @param finishReason {@code length} (hit max_tokens), {@code stop} (stop string or end of sequence), or empty if not reported
 * @param elapsedNanos from sending the request to the final response
 */
public record Generation(List<Chunk> chunks, String finishReason, long elapsedNanos) {

    public static final String FINISH_LENGTH = "length";

    /** Level 0 of budget forcing: no thinking at all, so nothing was generated. */
    public static final Generation NONE = new Generation(List.of(), "", 0);

    public Generation {
        chunks = List.copyOf(chunks);
    }

    /**
     * @param text              the new text of this response
     * @param tokens            the tokens of this response as the backend counted them
     * @param arrivedAfterNanos since the request was sent
     */
    public record Chunk(String text, int tokens, long arrivedAfterNanos) {
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.text()));
        return text.toString();
    }

    public int tokens() {
        return chunks.stream().mapToInt(Chunk::tokens).sum();
    }

    /** The generation was stopped by max_tokens rather than ending on its own. */
    public boolean hitTokenLimit() {
        return FINISH_LENGTH.equals(finishReason);
    }
}
