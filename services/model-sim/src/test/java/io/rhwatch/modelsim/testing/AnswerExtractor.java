package io.rhwatch.modelsim.testing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the bare answer out of the simulator's answer styles, the way a judge would. */
public final class AnswerExtractor {

    private static final List<Pattern> STYLES = List.of(
            Pattern.compile("\\\\boxed\\{([^}]*)}"),
            Pattern.compile("<answer>(.*?)</answer>"),
            Pattern.compile("\\*\\*Answer:\\*\\*\\s*(\\S+)"),
            Pattern.compile("Answer:\\s*(\\S+)"),
            Pattern.compile("The answer is \\(?([^).]+)\\)?\\."),
            Pattern.compile("^\\(?([A-Za-z0-9]+)\\)?\\.?$"));

    private AnswerExtractor() {
    }

    /** The answer, lower-cased; empty when the text holds none (a refusal). */
    public static Optional<String> extract(String text) {
        for (Pattern style : STYLES) {
            Matcher m = style.matcher(text.strip());
            if (m.find()) {
                return Optional.of(m.group(1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    public static boolean correct(String text, String groundTruth) {
        return extract(text).filter(a -> a.equals(groundTruth.toLowerCase(Locale.ROOT))).isPresent();
    }
}
