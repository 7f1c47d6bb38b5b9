package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One model's per-sample outcomes, the data the paired statistics resample: for each sample its task
 * and, at every budget level and corruption, whether it was answered correctly, incorrectly or not
 * (yet) at all. Bounded: it holds at most {@code maxSamples} samples, the ones with the smallest
 * {@link #sampleHash sample-id hashes} among all it was offered (a bottom-k sample). That set depends
 * only on which samples arrived, not on their order, so replicas and replays keep the same samples,
 * and two models fed the same samples keep the same ones, which is what a comparison needs.
 *
 * <p>Encoding: a sample is its 64-bit id hash, a task byte and two 64-bit masks over slots
 * {@code level × 4 + corruption} ({@code seen}, {@code correct}); a budget level is an index into a
 * table of at most {@value #MAX_LEVELS} budgets. With the open-addressing index and the eviction heap
 * that is {@link #retainedBytes() about 40 bytes a sample}, 4 MB per 100k samples.
 *
 * <p>A slot answered more than once is correct only if every answer recorded for it was correct, so
 * the outcome does not depend on the order answers arrive in. Not thread-safe: one owner per model.
 */
public final class SampleOutcomes {

    /** Budget levels per model: 16 levels × 4 corruptions fill one 64-bit mask. */
    public static final int MAX_LEVELS = 16;
    /** Slots per budget level, one per {@link Corruption} value. */
    static final int CORRUPTIONS = 4;
    public static final int MAX_SAMPLES_LIMIT = 10_000_000;
    /** The aggregator's and the CLI's bound per model unless configured: 20,000 samples, 0.5 MB published. */
    public static final int DEFAULT_MAX_SAMPLES = 20_000;
    public static final String DEFAULT_MAX_SAMPLES_SETTING = "20000";

    private static final int INITIAL_CAPACITY = 1_024;

    private final int maxSamples;
    private final int[] budgets = new int[MAX_LEVELS];
    private int levels;

    // The samples, densely: index i is one sample.
    private long[] hashes;
    private long[] seen;
    private long[] correct;
    private byte[] tasks;
    private int size;
    /** Open addressing with linear probing: dense index + 1, 0 for an empty slot. */
    private int[] index;
    /** A max-heap of dense indices by hash, built once the store is full, to find the sample to evict. */
    private int[] heap;

    public SampleOutcomes(int maxSamples) {
        if (maxSamples < 1 || maxSamples > MAX_SAMPLES_LIMIT) {
            throw new IllegalArgumentException("maxSamples: must be between 1 and " + MAX_SAMPLES_LIMIT + ", was " + maxSamples);
        }
        this.maxSamples = maxSamples;
        int capacity = Math.min(maxSamples, INITIAL_CAPACITY);
        hashes = new long[capacity];
        seen = new long[capacity];
        correct = new long[capacity];
        tasks = new byte[capacity];
        index = new int[tableSize(capacity)];
    }

    /**
     * Whether a judgment is an outcome of the labelled curve, kept per sample: a labelled probed answer (not unlabelled,
     * not passive traffic) with a sample id and a task. The others are counted ({@link Tallies}) but not kept here.
     */
    public static boolean keeps(Judgment judgment) {
        Task task = judgment.getSample().getTask();
        return judgment.getVerdict() != Verdict.VERDICT_UNLABELLED
                && judgment.getTrafficMode() != TrafficMode.TRAFFIC_MODE_PASSIVE
                && !judgment.getSample().getSampleId().isBlank()
                && (task == Task.TASK_PERCEPTION || task == Task.TASK_REASONING);
    }

    /**
     * Records a judged answer, correct exactly when its verdict is: unparseable counts as incorrect, a censored answer
     * by its verdict, as in the {@link Scorecard}.
     */
    public boolean record(Judgment judgment) {
        return record(judgment.getSample().getSampleId(), judgment.getSample().getTask(), judgment.getBudget(),
                judgment.getCorruption(), judgment.getVerdict() == Verdict.VERDICT_CORRECT);
    }

    /**
     * Records one answer to sample {@code sampleId}.
     *
     * @return false when the sample is not among those kept (the store is full of samples with smaller hashes)
     * @throws IllegalArgumentException naming the field when the task is unspecified or contradicts the sample's,
     *                                  the corruption is unknown, or the budget would be level {@value #MAX_LEVELS} + 1
     */
    public boolean record(String sampleId, Task task, int budget, Corruption corruption, boolean isCorrect) {
        try {
            return record(sampleHash(sampleId), task, budget, corruption, isCorrect);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (sample " + sampleId + ")", e);
        }
    }

    /** Adds a sample's {@link OutcomeRow} under its {@link #sampleHash}; false when the sample is not among those kept. */
    public boolean add(long hash, OutcomeRow row) {
        return row.addTo(this, hash);
    }

    /** As {@link #record(String, Task, int, Corruption, boolean)} for the sample with this {@link #sampleHash}. */
    boolean record(long hash, Task task, int budget, Corruption corruption, boolean isCorrect) {
        checkTask(task);
        long bit = 1L << (level(budget) * CORRUPTIONS + checkedCorruption(corruption));
        if (!admit(hash, task)) {
            return false;
        }
        int at = find(hash);
        if ((seen[at] & bit) == 0) {
            seen[at] |= bit;
            if (isCorrect) {
                correct[at] |= bit;
            }
        } else if (!isCorrect) {
            correct[at] &= ~bit;
        }
        return true;
    }

    /**
     * Makes sure sample {@code hash} is held, evicting the largest hash when full.
     *
     * @return false when it is not among those kept
     * @throws IllegalArgumentException naming {@code task} when it contradicts the sample's
     */
    boolean admit(long hash, Task task) {
        checkTask(task);
        int at = find(hash);
        if (at < 0) {
            return admit(hash, (byte) task.getNumber()) >= 0;
        }
        if (tasks[at] != task.getNumber()) {
            throw new IllegalArgumentException("task: the sample was recorded as " + Task.forNumber(tasks[at])
                    + " and is now judged as " + task);
        }
        return true;
    }

    private static void checkTask(Task task) {
        if (task != Task.TASK_PERCEPTION && task != Task.TASK_REASONING) {
            throw new IllegalArgumentException("task: must be perception or reasoning, was " + task);
        }
    }

    /** The corruption's slot within a level. @throws IllegalArgumentException naming {@code corruption} when unknown */
    static int checkedCorruption(Corruption corruption) {
        if (corruption == null || corruption == Corruption.UNRECOGNIZED || corruption.getNumber() >= CORRUPTIONS) {
            throw new IllegalArgumentException("corruption: unknown value " + corruption);
        }
        return corruption.getNumber();
    }

    public int size() {
        return size;
    }

    public int maxSamples() {
        return maxSamples;
    }

    /** The bytes held by the arrays (object headers aside): what the memory per 100k samples is computed from. */
    public long retainedBytes() {
        long bytes = (long) hashes.length * Long.BYTES + (long) seen.length * Long.BYTES + (long) correct.length * Long.BYTES
                + tasks.length + (long) index.length * Integer.BYTES + (long) budgets.length * Integer.BYTES;
        return heap == null ? bytes : bytes + (long) heap.length * Integer.BYTES;
    }

    /** An immutable copy in canonical order (samples by hash, levels by budget), so what is computed from it does not depend on arrival order. */
    public OutcomeTable snapshot() {
        Integer[] order = new Integer[levels];
        for (int l = 0; l < levels; l++) {
            order[l] = l;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(budgets[a], budgets[b]));
        int[] sortedBudgets = new int[levels];
        int[] rank = new int[levels];
        for (int r = 0; r < levels; r++) {
            sortedBudgets[r] = budgets[order[r]];
            rank[order[r]] = r;
        }
        long[] keys = Arrays.copyOf(hashes, size);
        Arrays.sort(keys);
        long[] sortedSeen = new long[size];
        long[] sortedCorrect = new long[size];
        byte[] sortedTasks = new byte[size];
        for (int i = 0; i < size; i++) {
            int at = find(keys[i]);
            sortedSeen[i] = relevel(seen[at], rank);
            sortedCorrect[i] = relevel(correct[at], rank);
            sortedTasks[i] = tasks[at];
        }
        return new OutcomeTable(sortedBudgets, keys, sortedTasks, sortedSeen, sortedCorrect);
    }

    /**
     * The 64-bit hash a sample is kept by: FNV-1a over the id's UTF-8 bytes, then the SplitMix64
     * finaliser to spread it. Part of the contract: replicas, replays and other versions must agree on it.
     */
    public static long sampleHash(String sampleId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static long relevel(long mask, int[] rank) {
        long out = 0;
        for (int l = 0; l < rank.length; l++) {
            long slots = (mask >>> (l * CORRUPTIONS)) & ((1L << CORRUPTIONS) - 1);
            out |= slots << (rank[l] * CORRUPTIONS);
        }
        return out;
    }

    private int level(int budget) {
        for (int l = 0; l < levels; l++) {
            if (budgets[l] == budget) {
                return l;
            }
        }
        if (levels == MAX_LEVELS) {
            throw new IllegalArgumentException("budget: a model holds at most " + MAX_LEVELS + " budget levels, "
                    + budget + " would be one more than " + Arrays.toString(Arrays.copyOf(budgets, levels)));
        }
        budgets[levels] = budget;
        return levels++;
    }

    /** Adds a new sample, evicting the one with the largest hash when full; -1 when the new one is that one. */
    private int admit(long hash, byte task) {
        int at;
        if (size < maxSamples) {
            if (size == hashes.length) {
                grow();
            }
            at = size++;
        } else {
            if (heap == null) {
                buildHeap();
            }
            at = heap[0];
            if (hash > hashes[at]) {
                return -1;
            }
            remove(hashes[at]);
        }
        hashes[at] = hash;
        seen[at] = 0;
        correct[at] = 0;
        tasks[at] = task;
        insert(hash, at);
        if (heap != null) {
            siftDown(0);
        }
        return at;
    }

    private int find(long hash) {
        int mask = index.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = index[slot];
            if (entry == 0) {
                return -1;
            }
            if (hashes[entry - 1] == hash) {
                return entry - 1;
            }
        }
    }

    private void insert(long hash, int at) {
        int mask = index.length - 1;
        int slot = spread(hash) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = at + 1;
    }

    /** Linear-probing deletion by backward shift, so no tombstones accumulate. */
    private void remove(long hash) {
        int mask = index.length - 1;
        int slot = spread(hash) & mask;
        while (hashes[index[slot] - 1] != hash) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int home = spread(hashes[index[next] - 1]) & mask;
            // The entry may move into the hole only if its home is not cyclically within (hole, next].
            boolean homeBetween = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeBetween) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
    }

    private static int spread(long hash) {
        return (int) (hash ^ (hash >>> 32));
    }

    private void grow() {
        int capacity = (int) Math.min(maxSamples, 2L * hashes.length);
        hashes = Arrays.copyOf(hashes, capacity);
        seen = Arrays.copyOf(seen, capacity);
        correct = Arrays.copyOf(correct, capacity);
        tasks = Arrays.copyOf(tasks, capacity);
        index = new int[tableSize(capacity)];
        for (int i = 0; i < size; i++) {
            insert(hashes[i], i);
        }
    }

    /** A power of two at least 4/3 of the capacity: the table stays at most 75% full. */
    private static int tableSize(int capacity) {
        return Integer.highestOneBit(Math.max(2, capacity + capacity / 3) - 1) << 1;
    }

    private void buildHeap() {
        heap = new int[size];
        for (int i = 0; i < size; i++) {
            heap[i] = i;
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftDown(int i) {
        int n = heap.length;
        while (true) {
            int largest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < n && hashes[heap[left]] > hashes[heap[largest]]) {
                largest = left;
            }
            if (right < n && hashes[heap[right]] > hashes[heap[largest]]) {
                largest = right;
            }
            if (largest == i) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[largest];
            heap[largest] = swap;
            i = largest;
        }
    }
}
