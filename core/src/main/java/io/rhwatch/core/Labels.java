package io.rhwatch.core;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lower-case names users see for the contract's enums (JSON APIs, configuration, CLI),
 * e.g. {@code perception}, {@code multi_choice}, {@code blank_image}, {@code clean}.
 */
public final class Labels {

    private Labels() {
    }

    public static String of(Task task) {
        return strip(task.name(), "TASK_");
    }

    public static String of(QuestionType type) {
        return strip(type.name(), "QUESTION_TYPE_");
    }

    public static String of(Corruption corruption) {
        return corruption == Corruption.CORRUPTION_NONE ? "clean" : strip(corruption.name(), "CORRUPTION_");
    }

    public static String of(Verdict verdict) {
        return strip(verdict.name(), "VERDICT_");
    }

    public static Optional<Task> task(String label) {
        return parse(Task.values(), label, Labels::of, Task.TASK_UNSPECIFIED);
    }

    /** Accepts {@code multi_choice}, {@code multi-choice} and {@code multichoice} alike, as datasets spell it all three ways. */
    public static Optional<QuestionType> questionType(String label) {
        return parse(QuestionType.values(), label, Labels::of, QuestionType.QUESTION_TYPE_UNSPECIFIED);
    }

    public static Optional<Corruption> corruption(String label) {
        return parse(Corruption.values(), label, Labels::of, null);
    }

    /** The accepted labels of an enum, for error messages. */
    public static String accepted(Task[] values) {
        return join(values, Labels::of, Task.TASK_UNSPECIFIED);
    }

    public static String accepted(QuestionType[] values) {
        return join(values, Labels::of, QuestionType.QUESTION_TYPE_UNSPECIFIED);
    }

    public static String accepted(Corruption[] values) {
        return join(values, Labels::of, null);
    }

    private static <E extends Enum<E>> Optional<E> parse(E[] values, String label, java.util.function.Function<E, String> name, E unspecified) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = normalise(label);
        return Arrays.stream(values)
                .filter(v -> v != unspecified && !v.name().equals("UNRECOGNIZED"))
                .filter(v -> normalise(name.apply(v)).equals(wanted))
                .findFirst();
    }

    private static <E extends Enum<E>> String join(E[] values, java.util.function.Function<E, String> name, E unspecified) {
        return Arrays.stream(values)
                .filter(v -> v != unspecified && !v.name().equals("UNRECOGNIZED"))
                .map(name)
                .collect(Collectors.joining(", "));
    }

    private static String normalise(String label) {
        return label.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String strip(String name, String prefix) {
        return name.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }
}
