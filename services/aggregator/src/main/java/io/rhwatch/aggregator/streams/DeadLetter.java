package io.rhwatch.aggregator.streams;

import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * Turns a rejected record back into its original bytes and adds the dead-letter headers the
 * SmallRye services write too (dead-letter-reason, -cause, -topic, -partition, -offset); counts it as
 * rhwatch_dead_letters_total{topic, reason=field}, like the SmallRye services do, in Micrometer's global registry,
 * which Quarkus' registry joins.
 */
class DeadLetter implements FixedKeyProcessor<String, ParsedJudgment, byte[]> {

    private FixedKeyProcessorContext<String, byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ParsedJudgment> record) {
        ParsedJudgment rejected = record.value();
        ParsedJudgment.Rejection rejection = rejected.rejection();
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, "dead-letter-reason", rejection.reason());
        if (rejection.cause() != null && rejection.cause().getMessage() != null) {
            add(headers, "dead-letter-cause", rejection.cause().getMessage());
        }
        String sourceTopic = context.recordMetadata().map(RecordMetadata::topic).orElse(TopologyProducer.JUDGMENTS_TOPIC);
        context.recordMetadata().ifPresent(source -> {
            add(headers, "dead-letter-topic", source.topic());
            add(headers, "dead-letter-partition", Integer.toString(source.partition()));
            add(headers, "dead-letter-offset", Long.toString(source.offset()));
        });
        Metrics.counter("rhwatch.dead.letters", "topic", sourceTopic, "reason", rejection.field()).increment();
        context.forward(record.withValue(rejected.original()).withHeaders(headers));
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
