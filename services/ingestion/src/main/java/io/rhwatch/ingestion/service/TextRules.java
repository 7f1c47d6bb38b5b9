package io.rhwatch.ingestion.service;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the text fields of a sample may hold. Text made only of invisible characters (NUL, zero-width, combining marks
 * without a base, Hangul fillers) is blank; control characters other than tab and line breaks are refused, as are
 * unpaired surrogates (not Unicode); sample ids keep to a small character set, as they end up in probe ids and logs.
 */
public final class TextRules {

    /** The characters of a sample id; docs/INGESTION_API.md states it. */
    public static final String ID_CHARACTERS = "A-Z a-z 0-9 . _ : -";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");

    /** Letters that render as nothing, though Unicode files them as letters or symbols. */
    private static final Set<Integer> FILLERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

    private static final int SHOWN_CHARS = 64;

    private TextRules() {
    }

    /** True when no character of {@code text} is visible. */
    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(TextRules::invisible);
    }

    private static boolean invisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || FILLERS.contains(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.UNASSIGNED, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /**
     * Refuses text longer than {@code maxChars} characters (code points), with a control character (tab, line feed and
     * carriage return allowed only when {@code multiline}), or with an unpaired surrogate. The message names the limit.
     */
    public static void check(String field, String text, int maxChars, String limitProperty, boolean multiline) {
        // length() bounds the count before it is taken: a string of n chars has at most n code points
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            throw new InvalidFieldException(field, text.codePointCount(0, text.length()) + " characters exceeds the limit of "
                    + maxChars + " (" + limitProperty + ")");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException(field, "is not valid Unicode: an unpaired surrogate "
                        + String.format("U+%04X", (int) c) + " at character " + i);
            } else if (Character.getType(c) == Character.CONTROL && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                throw new InvalidFieldException(field, "contains the control character " + String.format("U+%04X", (int) c)
                        + " at character " + i + (multiline ? "; only tab, line feed and carriage return are allowed"
                                                            : "; it must be a single line without control characters"));
            }
        }
    }

    /** Refuses an id outside the character set or over {@code maxChars}. */
    public static void checkId(String field, String id, int maxChars) {
        if (id.isEmpty()) {
            throw new InvalidFieldException(field, "is empty; leave it out to have one derived from the question and image");
        }
        if (id.length() > maxChars) {
            throw new InvalidFieldException(field, id.length() + " characters exceeds the limit of " + maxChars
                    + " (rhwatch.ingestion.max-id-chars)");
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidFieldException(field, "may hold only the characters " + ID_CHARACTERS
                    + " (1 to " + maxChars + " of them)");
        }
    }

    /** True for an id that {@link #checkId} accepts, so it may be quoted back in an answer or a log line. */
    public static boolean isValidId(String id, int maxChars) {
        return id != null && !id.isEmpty() && id.length() <= maxChars && ID.matcher(id).matches();
    }

    /** A name from the input made safe to show: printable, and at most 64 characters. */
    public static String shown(String name) {
        return shown(name, SHOWN_CHARS);
    }

    /** Text from the input made safe to show: invisible characters as '?', cut after {@code maxChars}. */
    public static String shown(String text, int maxChars) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(maxChars).forEach(c -> shown.appendCodePoint(invisible(c) && c != ' ' ? '?' : c));
        return text.codePointCount(0, text.length()) > maxChars ? shown + "…" : shown.toString();
    }
}
