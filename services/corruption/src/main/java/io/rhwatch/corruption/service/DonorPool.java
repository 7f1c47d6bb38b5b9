package io.rhwatch.corruption.service;

import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Sample;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images of recent samples, for the random_image corruption: each sample gets the image of another recent
 * sample — never its own, and never one byte-identical to its own (datasets ask several questions of one image).
 * The choice is deterministic: by a hash of the sample id over the eligible donors in arrival order.
 * <p>
 * A sample that arrives when no eligible donor exists (the very first one) is held, with the caller's
 * {@code token} (its unacknowledged message), until one arrives.
 *
 * @param <T> what the caller needs back to finish a held sample
 */
public final class DonorPool<T> {

    /** A sample ready for its probes, with the donor of its random image (empty when none is needed). */
    public record Ready<T>(Sample sample, Optional<Donor> donor, T token) {
    }

    public record Donor(String sampleId, Image image) {
    }

    private record Held<T>(Sample sample, T token) {
    }

    private final int capacity;
    private final Map<String, Image> recent = new LinkedHashMap<>();
    private final List<Held<T>> held = new ArrayList<>();

    public DonorPool(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("rhwatch.corruption.donor-pool-size: must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds the sample's image to the pool and returns every sample now ready: this one if it found a donor,
     * and any held sample the new image can serve.
     */
    public synchronized List<Ready<T>> arrive(Sample sample, T token) {
        List<Ready<T>> ready = new ArrayList<>();
        Optional<Donor> donor = donorFor(sample);
        remember(sample);
        if (donor.isPresent()) {
            ready.add(new Ready<>(sample, donor, token));
        } else {
            held.add(new Held<>(sample, token));
        }
        for (Iterator<Held<T>> it = held.iterator(); it.hasNext(); ) {
            Held<T> waiting = it.next();
            Optional<Donor> found = donorFor(waiting.sample());
            if (found.isPresent()) {
                it.remove();
                ready.add(new Ready<>(waiting.sample(), found, waiting.token()));
            }
        }
        return ready;
    }

    /** Samples waiting for a donor. */
    public synchronized int held() {
        return held.size();
    }

    private Optional<Donor> donorFor(Sample sample) {
        List<Donor> eligible = new ArrayList<>();
        recent.forEach((id, image) -> {
            if (!id.equals(sample.getSampleId()) && !image.getData().equals(sample.getImage().getData())) {
                eligible.add(new Donor(id, image));
            }
        });
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(eligible.get(Math.floorMod(sample.getSampleId().hashCode(), eligible.size())));
    }

    private void remember(Sample sample) {
        // Re-inserting moves a re-sent sample to the newest end.
        recent.remove(sample.getSampleId());
        recent.put(sample.getSampleId(), sample.getImage());
        if (recent.size() > capacity) {
            recent.remove(recent.keySet().iterator().next());
        }
    }
}
