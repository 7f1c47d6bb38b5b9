package io.rhwatch.aggregator.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.core.ModelKey;
import io.rhwatch.core.SampleRefs;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Verdict;

/**
 * A record from rh.judgments after parsing: either a judgment that can be counted, its model set to
 * its {@link ModelKey}, or the original bytes with the reason they cannot be, bound for the dead-letter topic.
 */
record ParsedJudgment(Judgment judgment, byte[] original, Rejection rejection) {

    /** Why a record cannot be counted: the field at fault, as the contract names it, and what is wrong with it. */
    record Rejection(String field, String detail, Throwable cause) {

        /** The dead-letter-reason header, {@code field: detail}, as the SmallRye services write it. */
        String reason() {
            return field + ": " + detail;
        }
    }

    static ParsedJudgment of(byte[] value) {
        if (value == null) {
            return rejected(null, "value", "empty record, expected a Judgment", null);
        }
        Judgment judgment;
        try {
            judgment = Judgment.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            return rejected(value, "value", "not a valid Judgment (" + e.getMessage() + ")", e);
        }
        if (judgment.getModel().isBlank()) {
            return rejected(value, "model", "empty; judgments are counted per model", null);
        }
        if (!judgment.hasSample()) {
            return rejected(value, "sample", SampleRefs.MISSING, null);
        }
        if (judgment.getVerdict() == Verdict.VERDICT_UNSPECIFIED || judgment.getVerdict() == Verdict.UNRECOGNIZED) {
            return rejected(value, "verdict", "unspecified; only correct, incorrect or unparseable can be counted", null);
        }
        // Counted under name@version (the name alone for the default version): a version is a model of its own.
        return new ParsedJudgment(ModelKey.keyed(judgment), value, null);
    }

    private static ParsedJudgment rejected(byte[] value, String field, String detail, Throwable cause) {
        return new ParsedJudgment(null, value, new Rejection(field, detail, cause));
    }

    boolean valid() {
        return rejection == null;
    }
}
