package io.rhwatch.core.judging;

import io.rhwatch.proto.v1.Verdict;

/**
 * The verdict on one model output.
 *
 * @param verdict         correct, incorrect, or unparseable when no answer could be found
 * @param extractedAnswer the answer as found, in canonical form (option letter, plain decimal,
 *                        {@code yes}/{@code no}, or the answer text); empty when unparseable
 * @param method          the rule that decided it, e.g. {@code rule:option_letter}
 */
public record Decision(Verdict verdict, String extractedAnswer, String method) {
}
