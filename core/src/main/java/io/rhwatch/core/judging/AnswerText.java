package io.rhwatch.core.judging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the answer sits in a model's output: the text after the thinking, the spans after explicit
 * answer markers, sentences, and the signs of a refusal, a hedge or an output cut short.
 */
final class AnswerText {

    /** An answer span runs to the end of its line, but no further than this. */
    private static final int MAX_SPAN = 300;

    private static final String THINK_OPEN = "<think>";
    /** Full-width U+FF01 to U+FF5E less this is ASCII U+0021 to U+007E. */
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;
    private static final String THINK_CLOSE = "</think>";

    private static final Pattern ANSWER_TAG = Pattern.compile("<answer>(.*?)(?:</answer>|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BOXED = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
    // "Answer: B", "**Answer:** B", "**Final Answer**: 12", "Final answer: 12", "Answer：A" (read as "Answer: A")
    private static final Pattern ANSWER_LABEL = Pattern.compile(
            "\\b(?:final\\s+|correct\\s+|short\\s+)?answer\\s*(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?"
                    // Chinese answers from Qwen models: "答案：B", "故答案为：12", "最终答案是 C"
                    + "|答案\\s*(?:是|为|:)\\s*:?\\s*"
                    + "|^\\s*#{1,6}\\s*(?:final\\s+)?answer\\s*:?\\s*$"
                    + "|^\\s*(?:\\*\\*|__)(?:final\\s+)?answer(?:\\*\\*|__)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    // "The answer is (B).", "the correct answer would be 12", "the correct option is (C) green", "So the Final Answer is:"
    private static final Pattern ANSWER_IS = Pattern.compile(
            "\\b(?:answer|option|choice)\\s+(?:is|would\\s+be|should\\s+be|will\\s+be|must\\s+be|could\\s+be|might\\s+be"
                    + "|may\\s+be|seems\\s+to\\s+be|appears\\s+to\\s+be)\\b\\s*:?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LATEX_TEXT = Pattern.compile("\\\\(?:text|mathrm|textbf|mathbf)\\s*\\{([^{}]*)}");
    // an abbreviation's full stop does not end a sentence: "half, i.e. 50%", "vs. 12"
    private static final Pattern SENTENCE_END = Pattern.compile(
            "(?<=[.!?])(?<!\\b(?:i\\.e|e\\.g|vs|approx|cf|[Ff]ig)\\.)[\"')\\]*]*\\s+|\\n+");
    private static final Pattern REFUSAL = Pattern.compile(
            "\\b(?:can\\s*not|can't|cannot|unable\\s+to|impossible\\s+to|not\\s+possible\\s+to|no\\s+way\\s+to"
                    + "|not\\s+able\\s+to|don't\\s+have\\s+enough|do\\s+not\\s+have\\s+enough|not\\s+enough\\s+information"
                    + "|insufficient\\s+information)\\s*(?:\\w+\\s+){0,2}?"
                    + "(?:tell|determine|see|answer|say|know|identify|infer|view|access|make\\s+out|confirm|verify|decide|information)\\b"
                    + "|\\bno\\s+image\\b|\\bimage\\s+(?:is\\s+)?(?:not\\s+(?:provided|available|visible|shown)|missing)\\b",
            Pattern.CASE_INSENSITIVE);
    // a span that begins by denying: "the answer is not A"
    private static final Pattern DENIAL = Pattern.compile("^(?:not|n't)\\b", Pattern.CASE_INSENSITIVE);
    // Words a sentence never ends on: an output ending on one was cut off.
    private static final Set<String> DANGLING = Set.of("and", "or", "but", "so", "because", "the", "a", "an", "of",
            "to", "is", "are", "was", "were", "be", "with", "which", "that", "then", "than", "we", "i", "it", "in",
            "on", "at", "for", "by", "from", "as", "if", "there", "this", "these", "those", "its", "their", "has",
            "have", "let", "me", "into", "each", "total", "gives", "equals", "answer", "about", "approximately");

    private AnswerText() {
    }

    /**
     * The text after the last {@code </think>}; an unclosed think block has no answer after it. A model that
     * closed its thinking and wrote nothing after it concluded inside it, so then the closed block is read.
     */
    static String finalText(String output) {
        int close = output.lastIndexOf(THINK_CLOSE);
        if (close >= 0) {
            String after = output.substring(close + THINK_CLOSE.length());
            if (!after.isBlank()) {
                return after;
            }
            int open = output.lastIndexOf(THINK_OPEN, close);
            return output.substring(open >= 0 ? open + THINK_OPEN.length() : 0, close);
        }
        int open = output.indexOf(THINK_OPEN);
        return open >= 0 ? output.substring(0, open) : output;
    }

    /**
     * Full-width forms (U+FF01 to U+FF5E) and CJK punctuation as their ASCII counterparts, a space after a
     * punctuation mark that ends a clause, since CJK text has none: "答案：（B）。" reads "答案: (B). ".
     */
    static String halfWidth(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char ascii = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - FULL_WIDTH_OFFSET)
                    : c == '\u3002' ? '.' : c == '\u3001' ? ',' : c == '\u3000' ? ' ' : c;
            plain.append(ascii);
            if (ascii != c && ",.;:!?".indexOf(ascii) >= 0) {
                plain.append(' ');
            }
        }
        return plain.toString();
    }

    /**
     * The text after every answer marker, strongest kind first ({@code <answer>}, {@code \boxed{}}, then
     * phrases such as "Answer:" and "the answer is"), the last occurrence of each kind first.
     */
    static List<String> markedSpans(String text) {
        List<String> spans = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Matcher tag = ANSWER_TAG.matcher(text);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        spans.addAll(reversed(tags));

        List<String> boxes = new ArrayList<>();
        Matcher box = BOXED.matcher(text);
        while (box.find()) {
            boxes.add(braced(text, box.end()));
        }
        spans.addAll(reversed(boxes));

        List<int[]> phrases = new ArrayList<>();
        for (Pattern marker : List.of(ANSWER_LABEL, ANSWER_IS)) {
            Matcher m = marker.matcher(text);
            while (m.find()) {
                phrases.add(new int[] {m.start(), m.end()});
            }
        }
        phrases.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] phrase : phrases) {
            String span = restOfLine(text, phrase[1]);
            if (!DENIAL.matcher(clean(span)).find()) {
                spans.add(span);
            }
        }
        return spans;
    }

    /** Markdown, LaTeX wrappers and quotes removed, trimmed. */
    static String clean(String span) {
        String text = LATEX_TEXT.matcher(span).replaceAll(m -> Matcher.quoteReplacement(m.group(1)))
                .replace("**", "").replace("__", "").replace("`", "")
                .replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", "")
                .replaceAll("(?m)^\\s*(?:#{1,6}|[-*+>])\\s+", "")
                .replace("$", "");
        return text.strip().replaceAll("^[\"'\u201C\u2018]+|[\"'\u201D\u2019]+$", "").strip();
    }

    /** The sentences of a text in order (a line break also ends one); decimal points do not. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String part : SENTENCE_END.split(text.strip())) {
            if (!part.isBlank()) {
                sentences.add(part.strip());
            }
        }
        return sentences;
    }

    static String firstSentence(String text) {
        List<String> all = sentences(text);
        return all.isEmpty() ? "" : all.get(0);
    }

    static String lastSentence(String text) {
        List<String> all = sentences(text);
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    static boolean refuses(String text) {
        return REFUSAL.matcher(text).find();
    }

    /** Ends on a comma, colon, an operator, or on a word no sentence ends with: the output was cut short. */
    static boolean looksCutOff(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        // a list, clause or sum that was never finished: "1, 2, 3,", "3 + 4 ="
        if (",;:-\u2013(=+*/\u00D7{".indexOf(last) >= 0) {
            return true;
        }
        String[] words = trimmed.split("\\s+");
        String lastWord = words[words.length - 1].toLowerCase(Locale.ROOT);
        return words.length > 3 && DANGLING.contains(lastWord);
    }

    /** The content of a brace group opened just before {@code from}, nested braces included. */
    private static String braced(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        return text.substring(from);
    }

    /** From {@code from} to the end of the line; the next non-empty line when the marker ends its line. */
    private static String restOfLine(String text, int from) {
        int start = from;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        return text.substring(start, Math.min(end, start + MAX_SPAN));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
