package io.rhwatch.inference.service;

import io.rhwatch.triton.Generation;
import io.rhwatch.triton.Generation.Chunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThinkingCutTest {

    /** One-token chunks arriving 10 ns apart. */
    private static Generation oneTokenChunks(int count, String finishReason) {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            chunks.add(new Chunk("t" + i + " ", 1, i * 10L));
        }
        return new Generation(chunks, finishReason, count * 10L + 5);
    }

    @Test
    void cutsAfterTheFirstBudgetTokens() {
        Generation thinking = oneTokenChunks(8, "length");

        ThinkingCut four = ThinkingCut.of(thinking, 4);

        assertThat(four.text()).isEqualTo("t1 t2 t3 t4 ");
        assertThat(four.tokens()).isEqualTo(4);
        assertThat(four.cut()).isTrue();
        assertThat(four.elapsedNanos()).isEqualTo(40L);
    }

    @Test
    void levelZeroIsNoThinking() {
        ThinkingCut zero = ThinkingCut.of(oneTokenChunks(8, "length"), 0);

        assertThat(zero.text()).isEmpty();
        assertThat(zero.tokens()).isZero();
        assertThat(zero.cut()).isTrue();
        assertThat(zero.elapsedNanos()).isZero();
    }

    @Test
    void theLargestLevelIsCutWhenTheGenerationHitMaxTokens() {
        ThinkingCut eight = ThinkingCut.of(oneTokenChunks(8, "length"), 8);

        assertThat(eight.tokens()).isEqualTo(8);
        assertThat(eight.cut()).as("the model was still thinking when max_tokens stopped it").isTrue();
    }

    @Test
    void thinkingThatEndedOnItsOwnWithinTheBudgetIsKeptWholeAndNotCut() {
        ThinkingCut cut = ThinkingCut.of(oneTokenChunks(5, "stop"), 8);

        assertThat(cut.text()).isEqualTo("t1 t2 t3 t4 t5 ");
        assertThat(cut.tokens()).isEqualTo(5);
        assertThat(cut.cut()).isFalse();
    }

    @Test
    void aChunkStraddlingTheBudgetIsDropped() {
        Generation thinking = new Generation(List.of(
                new Chunk("ab", 2, 10), new Chunk("cde", 3, 20), new Chunk("f", 1, 30)), "stop", 40);

        ThinkingCut four = ThinkingCut.of(thinking, 4);

        assertThat(four.text()).isEqualTo("ab");
        assertThat(four.tokens()).isEqualTo(2);
        assertThat(four.cut()).isTrue();
        assertThat(ThinkingCut.of(thinking, 5).text()).isEqualTo("abcde");
        assertThat(ThinkingCut.of(thinking, 6).cut()).isFalse();
    }
}
