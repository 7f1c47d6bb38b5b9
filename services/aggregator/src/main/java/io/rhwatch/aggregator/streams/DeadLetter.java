package io.rhwatch.aggregator.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.nio.charset.StandardCharsets;

/**
 * Turns a rejected record back into its original bytes and adds the dead-letter headers the
 * SmallRye services write too (dead-letter-reason, -cause, -topic, -partition, -offset).
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
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, "dead-letter-reason", rejected.problem());
        if (rejected.cause() != null && rejected.cause().getMessage() != null) {
            add(headers, "dead-letter-cause", rejected.cause().getMessage());
        }
        context.recordMetadata().ifPresent(source -> {
            add(headers, "dead-letter-topic", source.topic());
            add(headers, "dead-letter-partition", Integer.toString(source.partition()));
            add(headers, "dead-letter-offset", Long.toString(source.offset()));
        });
        context.forward(record.withValue(rejected.original()).withHeaders(headers));
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
