package io.rhwatch.aggregator.metrics;

import io.micrometer.core.instrument.Metrics;
import io.rhwatch.aggregator.streams.TopologyProducer;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts the topology's dead letters as rhwatch_dead_letters_total{topic, reason}, like the SmallRye
 * services do: a producer interceptor on Kafka Streams' producers (kafka-streams.producer.interceptor.classes),
 * as Kafka creates it, so it reaches Quarkus' registry through Micrometer's global registry. The
 * reason is the field named by the dead-letter-reason header ("model: empty …" gives "model").
 */
public class DeadLetterCounter implements ProducerInterceptor<byte[], byte[]> {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.\\[\\]]{0,40}");

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (TopologyProducer.DEAD_LETTER_TOPIC.equals(record.topic())) {
            Metrics.counter("rhwatch.dead.letters",
                    "topic", header(record, "dead-letter-topic", TopologyProducer.JUDGMENTS_TOPIC),
                    "reason", reason(header(record, "dead-letter-reason", ""))).increment();
        }
        return record;
    }

    static String reason(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && FIELD.matcher(text.substring(0, colon)).matches() ? text.substring(0, colon) : "unknown";
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
