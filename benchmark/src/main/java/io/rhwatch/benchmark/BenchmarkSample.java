package io.rhwatch.benchmark;

import java.util.List;

/**
 * One benchmark record.
 *
 * @param task         {@code perception} or {@code reasoning}
 * @param questionType {@code numeric}, {@code yes_no} or {@code multi_choice} (the names of {@link io.rhwatch.core.Labels})
 * @param choices      the options of a multiple-choice question, empty otherwise; the answer is the option letter
 * @param answer       the ground truth: a number, {@code yes}/{@code no}, or an option letter
 * @param png          the rendered image
 * @param scene        what the image shows; not exported, kept for tests and debugging
 */
public record BenchmarkSample(String id, String task, String questionType, String question, List<String> choices,
                              String answer, byte[] png, Scene scene) {

    public BenchmarkSample {
        choices = List.copyOf(choices);
    }
}
