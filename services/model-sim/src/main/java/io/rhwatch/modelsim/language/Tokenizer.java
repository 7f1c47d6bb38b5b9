package io.rhwatch.modelsim.language;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's tokenizer: a token is a run of non-whitespace plus the whitespace after it. Leading whitespace
 * belongs to the first token, so joining the tokens gives the text back unchanged.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < n) {
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            tokens.add(text.substring(start, i));
            start = i;
        }
        if (tokens.isEmpty() && !text.isEmpty()) {
            tokens.add(text);
        }
        return tokens;
    }

    /** The number of words, i.e. of tokens in a text that does not start with whitespace. */
    public static int count(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
