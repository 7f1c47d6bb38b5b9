package io.rhwatch.judge.messaging;

import io.rhwatch.testsupport.EmbeddedKafka;
import io.rhwatch.testsupport.KafkaBrokerResource;

import java.util.Map;

/** The shared real broker, with the judge's topics created before the app subscribes. */
public class JudgeKafkaResource extends KafkaBrokerResource {

    static final String RESPONSES = "rh.responses";
    static final String JUDGMENTS = "rh.judgments";
    static final String DLQ = "rh.dlq.judge";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        EmbeddedKafka.createTopics(2, RESPONSES, JUDGMENTS, DLQ);
        return config;
    }
}
