package io.rhwatch.core.judging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numbers the way models and datasets write them and compares them by value: {@code 12},
 * {@code -3.5}, {@code 1,250}, {@code 3/4}, {@code \frac{3}{4}}, {@code 2\sqrt{5}}, {@code 3\pi},
 * {@code 6.02 \times 10^{23}}, {@code 1.2e-5}, {@code 45%}, {@code 12 cm^2} (the unit's exponent is
 * not a number), and number words ({@link NumberWords}).
 */
final class Numbers {

    /** Exponents beyond this are computed in floating point only, not exactly. */
    private static final int MAX_EXACT_EXPONENT = 400;

    /**
     * A number written in a text.
     *
     * @param value      its value; for an irrational number ({@code √5}, {@code π}) a 16-digit approximation
     * @param percent    a percent sign or the word "percent" followed it
     * @param irrational it involves a root that is not whole, or π
     * @param decimals   the digits after the decimal point when written as one plain decimal, else -1
     * @param start      where it starts in the {@link Reading#text() prepared text}
     * @param end        where it ends there
     */
    record Mention(BigDecimal value, boolean percent, boolean irrational, int decimals, int start, int end) {
    }

    /** A text with LaTeX and symbols reduced to plain characters, and the numbers in it in order. */
    record Reading(String text, List<Mention> mentions) {
    }

    private static final Pattern LATEX_WRAPPER = Pattern.compile(
            "\\\\(?:text|mathrm|textbf|mathbf|textit|operatorname|mbox)\\s*\\{([^{}]*)}");
    private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[A-Za-z]+");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?!\\d)");
    private static final Pattern E_NOTATION = Pattern.compile("[eE]([-+]?\\d{1,3})(?!\\w)");
    private static final Pattern PERCENT_WORD = Pattern.compile("^\\s*(?:percent|per\\s*cent)\\b", Pattern.CASE_INSENSITIVE);

    private Numbers() {
    }

    /** Every number in {@code text}, digits and words, in order of appearance. */
    static Reading read(String text) {
        String plain = prepare(text);
        List<Mention> mentions = new ArrayList<>();
        int i = 0;
        while (i < plain.length()) {
            if (canStart(plain, i)) {
                Parser parser = new Parser(plain, i);
                Optional<Mention> mention = parser.mention();
                if (mention.isPresent()) {
                    mentions.add(mention.get());
                    i = mention.get().end();
                    continue;
                }
            }
            i++;
        }
        mentions.addAll(NumberWords.in(plain, mentions));
        mentions.sort(Comparator.comparingInt(Mention::start));
        return new Reading(plain, List.copyOf(mentions));
    }

    /** The number a ground truth is, when the ground truth is one number with at most a short unit. */
    static Optional<Mention> whole(String text) {
        Reading reading = read(text);
        if (reading.mentions().size() != 1) {
            return Optional.empty();
        }
        Mention only = reading.mentions().get(0);
        String rest = (reading.text().substring(0, only.start()) + " " + reading.text().substring(only.end()))
                .replaceAll("[^\\p{L}]+", " ").strip();
        int words = rest.isEmpty() ? 0 : rest.split(" ").length;
        String before = reading.text().substring(0, only.start()).replaceAll("[^\\p{L}]+", "");
        return words <= 2 && before.length() <= 1 ? Optional.of(only) : Optional.empty();
    }

    /**
     * The same number: equal within {@code relativeTolerance}, a percentage equal to its fraction, an answer
     * more precise than a decimal ground truth that rounds to it, or a decimal answer that is an irrational
     * ground truth rounded to the answer's digits.
     */
    static boolean same(Mention answer, Mention truth, double relativeTolerance) {
        for (BigDecimal a : candidates(answer)) {
            for (BigDecimal t : candidates(truth)) {
                if (close(a, t, relativeTolerance)) {
                    return true;
                }
                if (truth.decimals() > 0 && (answer.decimals() < 0 || answer.decimals() > truth.decimals())
                        && a.setScale(truth.decimals(), RoundingMode.HALF_UP).compareTo(t) == 0) {
                    return true;
                }
                if (truth.irrational() && answer.decimals() > 0
                        && t.setScale(answer.decimals(), RoundingMode.HALF_UP).compareTo(a) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A plain decimal without exponent or trailing zeros: 0.75, 1234, -2.5. */
    static String canonical(Mention mention) {
        BigDecimal value = mention.irrational() ? mention.value().round(new MathContext(12)) : mention.value();
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

    /** A percentage may stand for its number or its fraction: 25% is 25 or 0.25. */
    private static List<BigDecimal> candidates(Mention mention) {
        return mention.percent()
                ? List.of(mention.value(), mention.value().movePointLeft(2))
                : List.of(mention.value());
    }

    /** LaTeX and symbols to plain characters the parser reads: × ÷ √ π ° ≈ and braces. */
    static String prepare(String text) {
        String plain = text;
        for (int pass = 0; pass < 3; pass++) {
            plain = LATEX_WRAPPER.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(" " + m.group(1) + " "));
        }
        plain = plain.replace("{,}", ",")
                .replace("\\,", "").replace("\\!", "")
                .replace("\\%", "%").replace("\\$", "$")
                .replaceAll("\\^\\s*\\{?\\s*\\\\circ\\s*}?", "°")
                .replaceAll("\\\\[dt]frac", "\\\\frac")
                .replace("\\left", "").replace("\\right", "")
                .replace("\\times", "×").replace("\\cdot", "×").replace("·", "×").replace("⋅", "×").replace("∙", "×")
                .replace("\\div", "÷").replace("\\pi", "π").replace("\\sqrt", "√").replace("\\approx", "≈")
                .replace("\u2212", "-").replace("²", "^2").replace("³", "^3")
                .replace("\\(", " ").replace("\\)", " ").replace("\\[", " ").replace("\\]", " ")
                .replace("$", "");
        // every other command (\quad, \mathbf without braces, …) is spacing or style; \frac stays for the parser
        return LATEX_COMMAND.matcher(plain).replaceAll(m -> m.group().equals("\\frac") ? "\\\\frac" : " ");
    }

    /** Not glued to a word, a decimal point, a list comma or an exponent: "x2", "v1.5", "cm^2" hold no number. */
    private static boolean canStart(String s, int i) {
        char c = s.charAt(i);
        boolean starts = Character.isDigit(c) || c == '√' || c == 'π' || s.startsWith("\\frac", i)
                || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))
                || (c == '-' && i + 1 < s.length() && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '√'
                || s.charAt(i + 1) == '.' || s.startsWith("\\frac", i + 1)));
        if (!starts || i == 0) {
            return starts;
        }
        char before = s.charAt(i - 1);
        if (c == '-' && (Character.isLetterOrDigit(before) || before == ')' || before == '}')) {
            return false;
        }
        if (c == 'π') {
            return !Character.isLetter(before);
        }
        return !(Character.isLetterOrDigit(before) || before == '.' || before == ',' || before == '/' || before == '^'
                || before == '_');
    }

    /** A value being computed: exact when rational, else only approximate. */
    private record Value(BigDecimal exact, double approx) {

        static Value of(BigDecimal exact) {
            return new Value(exact, exact.doubleValue());
        }

        static Value irrational(double approx) {
            return new Value(null, approx);
        }

        Value times(Value other) {
            return exact != null && other.exact != null ? of(exact.multiply(other.exact, MathContext.DECIMAL128))
                    : irrational(approx * other.approx);
        }

        Optional<Value> dividedBy(Value other) {
            if (other.approx == 0 && (other.exact == null || other.exact.signum() == 0)) {
                return Optional.empty();
            }
            return Optional.of(exact != null && other.exact != null ? of(exact.divide(other.exact, MathContext.DECIMAL64))
                    : irrational(approx / other.approx));
        }

        Value plus(Value other) {
            return exact != null && other.exact != null ? of(exact.add(other.exact)) : irrational(approx + other.approx);
        }

        Value negate() {
            return exact != null ? of(exact.negate()) : irrational(-approx);
        }

        Optional<Value> power(Value exponent) {
            if (exact != null && exponent.exact != null && exponent.exact.stripTrailingZeros().scale() <= 0
                    && exponent.exact.abs().compareTo(BigDecimal.valueOf(MAX_EXACT_EXPONENT)) <= 0) {
                int n = exponent.exact.intValueExact();
                if (exact.signum() == 0 && n < 0) {
                    return Optional.empty();
                }
                BigDecimal raised = exact.pow(Math.abs(n), MathContext.DECIMAL128);
                return Optional.of(n >= 0 ? of(raised) : of(BigDecimal.ONE.divide(raised, MathContext.DECIMAL64)));
            }
            double result = Math.pow(approx, exponent.approx);
            return Double.isFinite(result) ? Optional.of(irrational(result)) : Optional.empty();
        }

        Optional<Value> root() {
            if (approx < 0) {
                return Optional.empty();
            }
            double root = Math.sqrt(approx);
            if (exact != null) {
                BigDecimal whole = BigDecimal.valueOf(Math.round(root));
                if (whole.multiply(whole).compareTo(exact) == 0) {
                    return Optional.of(of(whole));
                }
            }
            return Optional.of(irrational(root));
        }

        BigDecimal decimal() {
            return exact != null ? exact : new BigDecimal(approx, MathContext.DECIMAL64);
        }
    }

    /** Recursive descent over one written number: products, quotients, powers, roots, π and \frac. */
    private static final class Parser {
        private final String s;
        private int at;
        private int literalDecimals = -1;
        private int literals;
        private boolean scientific;

        Parser(String s, int at) {
            this.s = s;
            this.at = at;
        }

        Optional<Mention> mention() {
            int start = at;
            Optional<Value> value = term();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            int end = at;
            boolean percent = false;
            int look = skipSpaces(at);
            if (look < s.length() && s.charAt(look) == '%') {
                percent = true;
                end = look + 1;
            } else {
                Matcher word = PERCENT_WORD.matcher(s.substring(at));
                if (word.find()) {
                    percent = true;
                    end = at + word.end();
                }
            }
            Value v = value.get();
            int decimals = literals == 1 && !scientific && v.exact != null ? literalDecimals : -1;
            return Optional.of(new Mention(v.decimal(), percent, v.exact == null, decimals, start, end));
        }

        private Optional<Value> term() {
            boolean negative = false;
            if (peek() == '-') {
                negative = true;
                at++;
            }
            Optional<Value> first = factor();
            if (first.isEmpty()) {
                return Optional.empty();
            }
            Value value = first.get();
            while (true) {
                int mark = at;
                int next = skipSpaces(at);
                char c = next < s.length() ? s.charAt(next) : 0;
                Optional<Value> combined = Optional.empty();
                if (c == '×' || c == '*' || c == '÷' || c == '/') {
                    at = next + 1;
                    at = skipSpaces(at);
                    Optional<Value> operand = factor();
                    if (operand.isPresent()) {
                        Value current = value;
                        combined = c == '÷' || c == '/' ? current.dividedBy(operand.get()) : Optional.of(current.times(operand.get()));
                    }
                } else if (c == '√' || c == 'π' || (next == at && c == '(')) {
                    at = next;
                    Optional<Value> operand = factor();
                    if (operand.isPresent()) {
                        combined = Optional.of(value.times(operand.get()));
                    }
                } else if (s.startsWith("\\frac", next) && value.exact != null
                        && value.exact.stripTrailingZeros().scale() <= 0) {
                    at = next;
                    Optional<Value> operand = factor();
                    if (operand.isPresent()) {
                        combined = Optional.of(value.plus(operand.get())); // a mixed number: 2\frac{1}{2} is 2.5
                    }
                }
                if (combined.isEmpty()) {
                    at = mark;
                    break;
                }
                value = combined.get();
            }
            return Optional.of(negative ? value.negate() : value);
        }

        private Optional<Value> factor() {
            Optional<Value> base = base();
            if (base.isEmpty()) {
                return Optional.empty();
            }
            int mark = at;
            int next = skipSpaces(at);
            if (next < s.length() && s.charAt(next) == '^') {
                at = skipSpaces(next + 1);
                Optional<Value> exponent = peek() == '{' ? group() : signedLiteral();
                if (exponent.isPresent()) {
                    Optional<Value> raised = base.get().power(exponent.get());
                    if (raised.isPresent()) {
                        return raised;
                    }
                }
                at = mark;
            }
            return base;
        }

        private Optional<Value> signedLiteral() {
            boolean negative = peek() == '-';
            if (negative) {
                at++;
            }
            return literal().map(v -> negative ? v.negate() : v);
        }

        private Optional<Value> base() {
            char c = peek();
            if (Character.isDigit(c) || c == '.') {
                return literal();
            }
            if (c == 'π') {
                at++;
                return Optional.of(Value.irrational(Math.PI));
            }
            if (c == '√') {
                at = skipSpaces(at + 1);
                Optional<Value> radicand = peek() == '{' || peek() == '(' ? group() : literal();
                return radicand.flatMap(Value::root);
            }
            if (s.startsWith("\\frac", at)) {
                at = skipSpaces(at + "\\frac".length());
                Optional<Value> numerator = group();
                at = skipSpaces(at);
                Optional<Value> denominator = numerator.isPresent() ? group() : Optional.empty();
                return numerator.flatMap(n -> denominator.flatMap(n::dividedBy));
            }
            if (c == '{') {
                return group();
            }
            return Optional.empty();
        }

        /** {@code {term}} or {@code (term)}; a single digit also stands for a group: \frac12. */
        private Optional<Value> group() {
            char open = peek();
            if (open != '{' && open != '(') {
                if (Character.isDigit(open)) {
                    at++;
                    literals++;
                    return Optional.of(Value.of(BigDecimal.valueOf(open - '0')));
                }
                return Optional.empty();
            }
            char close = open == '{' ? '}' : ')';
            at = skipSpaces(at + 1);
            Optional<Value> inner = term();
            at = skipSpaces(at);
            if (inner.isEmpty() || peek() != close) {
                return Optional.empty();
            }
            at++;
            return inner;
        }

        private Optional<Value> literal() {
            int start = at;
            int i = at;
            StringBuilder digits = new StringBuilder();
            // thousands separators only in groups of three: "1,250" but not "3,4" (a list)
            Matcher grouped = THOUSANDS.matcher(s).region(i, s.length());
            if (grouped.lookingAt()) {
                digits.append(grouped.group().replace(",", ""));
                i = grouped.end();
            } else {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    digits.append(s.charAt(i++));
                }
            }
            int decimals = 0;
            if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
                digits.append('.');
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    digits.append(s.charAt(i++));
                    decimals++;
                }
            }
            if (digits.isEmpty() || digits.toString().equals(".")) {
                at = start;
                return Optional.empty();
            }
            BigDecimal value = new BigDecimal(digits.charAt(0) == '.' ? "0" + digits : digits.toString());
            Matcher exponent = E_NOTATION.matcher(s).region(i, s.length());
            if (exponent.lookingAt()) {
                value = value.scaleByPowerOfTen(Integer.parseInt(exponent.group(1).replace("+", "")));
                i = exponent.end();
                scientific = true;
            }
            at = i;
            literals++;
            literalDecimals = decimals;
            return Optional.of(Value.of(value));
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : 0;
        }

        private int skipSpaces(int from) {
            int i = from;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }
}
