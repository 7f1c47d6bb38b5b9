package io.rhwatch.modelsim.service;

/**
 * A final answer.
 *
 * @param value the bare answer (a number, {@code yes}/{@code no}, an option letter), or null for a refusal
 * @param text  what the model writes, e.g. {@code \boxed{12}} or {@code The answer is (B).}
 */
public record Answer(String value, String text) {
}
