package io.rhwatch.modelsim.language;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {

    @Test
    void aTokenIsAWordWithTheWhitespaceAfterIt() {
        assertThat(Tokenizer.tokens("Let me  look.\nThree red")).containsExactly("Let ", "me  ", "look.\n", "Three ", "red");
        assertThat(String.join("", Tokenizer.tokens("\n two words "))).isEqualTo("\n two words ");
        assertThat(Tokenizer.tokens("\n two words ")).containsExactly("\n two ", "words ");
        assertThat(Tokenizer.tokens("")).isEmpty();
        assertThat(Tokenizer.tokens("   ")).containsExactly("   ");
    }

    @Test
    void countsWords() {
        assertThat(Tokenizer.count("\nLet me  look.\nThree red\n")).isEqualTo(5);
        assertThat(Tokenizer.count(" \n ")).isZero();
    }
}
