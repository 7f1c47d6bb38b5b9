package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable snapshot of {@link SampleOutcomes} in canonical order: samples by id hash, budget
 * levels ascending. Slot {@code level × 4 + corruption} of a sample's {@code seen} mask says it was
 * answered there, the same bit of {@code correct} that the answer was correct.
 *
 * <p>{@link #toBytes()} is the form the aggregator publishes on rh.outcomes: a format byte, the
 * number of levels and their budgets, the number of samples, then per sample its hash, task byte
 * and the two masks: {@value #BYTES_PER_SAMPLE} bytes a sample.
 */
public final class OutcomeTable {

    /** A sample's outcome in one slot. */
    public enum Outcome { MISSING, CORRECT, INCORRECT }

    public static final int BYTES_PER_SAMPLE = Long.BYTES + 1 + 2 * Long.BYTES;
    private static final byte FORMAT = 1;

    private final int[] budgets;
    final long[] hashes;
    final byte[] tasks;
    final long[] seen;
    final long[] correct;

    OutcomeTable(int[] budgets, long[] hashes, byte[] tasks, long[] seen, long[] correct) {
        this.budgets = budgets;
        this.hashes = hashes;
        this.tasks = tasks;
        this.seen = seen;
        this.correct = correct;
    }

    /** The budget levels, ascending; level {@code l} is {@code budgets()[l]}. */
    public int[] budgets() {
        return budgets.clone();
    }

    public int levels() {
        return budgets.length;
    }

    int budget(int level) {
        return budgets[level];
    }

    public int size() {
        return hashes.length;
    }

    public long sampleHash(int sample) {
        return hashes[sample];
    }

    public Task task(int sample) {
        return Task.forNumber(tasks[sample]);
    }

    public Outcome outcome(int sample, int level, Corruption corruption) {
        long bit = bit(level, corruption);
        if ((seen[sample] & bit) == 0) {
            return Outcome.MISSING;
        }
        return (correct[sample] & bit) != 0 ? Outcome.CORRECT : Outcome.INCORRECT;
    }

    static long bit(int level, Corruption corruption) {
        return 1L << (level * SampleOutcomes.CORRUPTIONS + corruption.getNumber());
    }

    public byte[] toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(2 + budgets.length * Integer.BYTES + Integer.BYTES + hashes.length * BYTES_PER_SAMPLE);
        bytes.put(FORMAT).put((byte) budgets.length);
        for (int budget : budgets) {
            bytes.putInt(budget);
        }
        bytes.putInt(hashes.length);
        for (int i = 0; i < hashes.length; i++) {
            bytes.putLong(hashes[i]).put(tasks[i]).putLong(seen[i]).putLong(correct[i]);
        }
        return bytes.array();
    }

    /** @throws IllegalArgumentException naming what is wrong when the bytes are not a table written by {@link #toBytes()} */
    public static OutcomeTable parse(byte[] bytes) {
        if (bytes == null || bytes.length < 2 + Integer.BYTES || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("outcome table: not a format " + FORMAT + " table");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        int levels = buffer.get();
        if (levels < 0 || levels > SampleOutcomes.MAX_LEVELS || buffer.remaining() < levels * Integer.BYTES + Integer.BYTES) {
            throw new IllegalArgumentException("outcome table: " + levels + " levels in " + bytes.length + " bytes");
        }
        int[] budgets = new int[levels];
        for (int l = 0; l < levels; l++) {
            budgets[l] = buffer.getInt();
        }
        int size = buffer.getInt();
        if (size < 0 || (long) size * BYTES_PER_SAMPLE != buffer.remaining()) {
            throw new IllegalArgumentException("outcome table: " + size + " samples do not fill " + buffer.remaining() + " bytes");
        }
        long[] hashes = new long[size];
        byte[] tasks = new byte[size];
        long[] seen = new long[size];
        long[] correct = new long[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = buffer.getLong();
            tasks[i] = buffer.get();
            seen[i] = buffer.getLong();
            correct[i] = buffer.getLong();
            if (i > 0 && hashes[i] <= hashes[i - 1]) {
                throw new IllegalArgumentException("outcome table: samples are not in hash order at " + i);
            }
        }
        return new OutcomeTable(budgets, hashes, tasks, seen, correct);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutcomeTable t && Arrays.equals(budgets, t.budgets) && Arrays.equals(hashes, t.hashes)
                && Arrays.equals(tasks, t.tasks) && Arrays.equals(seen, t.seen) && Arrays.equals(correct, t.correct);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hashes) + Arrays.hashCode(seen);
    }
}
