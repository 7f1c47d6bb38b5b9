package io.rhwatch.inference.service;

import io.rhwatch.triton.Generation;
import io.rhwatch.triton.Generation.Chunk;

/**
 * The thinking given to the model at one budget level: a prefix of the long thinking generation.
 *
 * @param text         the thinking text kept at this level
 * @param tokens       its length in tokens, as the backend counted them
 * @param cut          the model would have thought longer than this level allowed
 * @param elapsedNanos how long the backend took to produce the kept prefix (this level's share of the thinking time)
 */
public record ThinkingCut(String text, int tokens, boolean cut, long elapsedNanos) {

    /**
     * Level 0 of a probe whose only level is 0, so no thinking was generated. It counts as cut, like level 0 of any
     * probe whose thinking (generated for its other levels) is not empty: a reasoning model given no room to think
     * would have thought.
     */
    public static final ThinkingCut NONE_ALLOWED = new ThinkingCut("", 0, true, 0);

    /**
     * Cuts the thinking after the first {@code budget} tokens. Text can only be cut where the backend's
     * chunks meet, since only whole chunks carry a token count: a chunk is kept whole only if it fits
     * entirely within the budget, so a chunk straddling the budget is dropped and the level gets
     * slightly fewer tokens than the budget, never more. (The vLLM backend and the simulator stream
     * one token per chunk, where this is exact.)
     */
    public static ThinkingCut of(Generation thinking, int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, was " + budget);
        }
        StringBuilder text = new StringBuilder();
        int tokens = 0;
        long elapsedNanos = 0;
        int kept = 0;
        for (Chunk chunk : thinking.chunks()) {
            if (tokens + chunk.tokens() > budget) {
                break;
            }
            text.append(chunk.text());
            tokens += chunk.tokens();
            elapsedNanos = chunk.arrivedAfterNanos();
            kept++;
        }
        boolean keptEverything = kept == thinking.chunks().size();
        // Everything kept but the generation itself hit max_tokens: the model was still thinking.
        boolean cut = !keptEverything || thinking.hitTokenLimit();
        return new ThinkingCut(text.toString(), tokens, cut, elapsedNanos);
    }
}
