package io.rhwatch.core.judging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numbers the way models write them: 12, -3.5, 1,234, 3/4, \frac{3}{4}, 12 cm, 45%, twelve. */
final class Numbers {

    // Not glued to a word, a decimal point or a list comma, so "x2", "v1.5" and "3-5" do not yield
    // negative or partial numbers. A fraction is tried before the plain number it starts with.
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,/])(?<sign>[-\u2212])?"
                    + "(?:(?<num>\\d+)\\s*/\\s*(?<den>\\d+)"
                    + "|(?<int>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<frac>\\d+))?"
                    + "|\\.(?<bare>\\d+))"
                    + "(?!\\d)");
    private static final Pattern LATEX_FRACTION = Pattern.compile(
            "\\\\[dt]?frac\\s*\\{\\s*([-\u2212]?[\\d.,]+)\\s*}\\s*\\{\\s*([\\d.,]+)\\s*}");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20));

    private Numbers() {
    }

    /** Every number written with digits, in order of appearance. */
    static List<BigDecimal> digitsIn(String text) {
        String plain = LATEX_FRACTION.matcher(text).replaceAll("$1/$2")
                .replace("{,}", ",")
                .replace("\\,", "")
                .replace("\\!", "");
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(plain);
        while (m.find()) {
            parse(m).ifPresent(numbers::add);
        }
        return numbers;
    }

    /** The first number written as an English word (zero to twenty), e.g. "three circles". */
    static Optional<BigDecimal> firstWordIn(String text) {
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            Integer value = WORDS.get(m.group().toLowerCase(Locale.ROOT));
            if (value != null) {
                return Optional.of(BigDecimal.valueOf(value));
            }
        }
        return Optional.empty();
    }

    /** A plain decimal without exponent or trailing zeros: 0.75, 1234, -2.5. */
    static String canonical(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Equal within a relative tolerance: |a − b| ≤ tolerance · max(|a|, |b|). */
    static boolean close(BigDecimal a, BigDecimal b, double relativeTolerance) {
        if (a.compareTo(b) == 0) {
            return true;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return Math.abs(x - y) <= relativeTolerance * Math.max(Math.abs(x), Math.abs(y));
    }

    private static Optional<BigDecimal> parse(Matcher m) {
        boolean negative = m.group("sign") != null;
        BigDecimal value;
        if (m.group("num") != null) {
            BigDecimal denominator = new BigDecimal(m.group("den"));
            if (denominator.signum() == 0) {
                return Optional.empty();
            }
            value = new BigDecimal(m.group("num")).divide(denominator, MathContext.DECIMAL64);
        } else if (m.group("int") != null) {
            String digits = m.group("int").replace(",", "");
            value = new BigDecimal(m.group("frac") == null ? digits : digits + "." + m.group("frac"));
        } else {
            value = new BigDecimal("0." + m.group("bare"));
        }
        return Optional.of(negative ? value.negate() : value);
    }
}
