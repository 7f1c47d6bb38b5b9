package io.rhwatch.corruption.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Probe;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Optional;

/**
 * Writes probes to rh.probes, keyed by sample id: a sample's probes then share one partition and one producer batch,
 * which the zstd-compressing producer stores with the sample's image once, not once per probe (while the batch,
 * 1 MiB, holds them all).
 */
@ApplicationScoped
public class ProbePublisher {

    private final MutinyEmitter<Probe> emitter;
    private final MeterRegistry registry;

    public ProbePublisher(@Channel(Channels.PROBES) MutinyEmitter<Probe> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /**
     * Sends all at once; completes when the broker acknowledged every one, fails with the first refusal. The probes
     * continue the trace of the sample record they came from.
     */
    public Uni<Void> publishAll(List<Probe> probes, Message<?> sampleRecord) {
        Optional<TracingMetadata> trace = TracingMetadata.fromMessage(sampleRecord);
        List<Uni<Void>> sends = probes.stream().map(probe -> publish(probe, trace)).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> publish(Probe probe, Optional<TracingMetadata> trace) {
        Message<Probe> record = KafkaRecord.of(probe.getSample().getSampleId(), probe);
        return emitter.sendMessage(trace.map(record::addMetadata).orElse(record))
                .invoke(() -> registry.counter("rhwatch.corruption.probes.published",
                        "corruption", Labels.of(probe.getCorruption())).increment());
    }
}
