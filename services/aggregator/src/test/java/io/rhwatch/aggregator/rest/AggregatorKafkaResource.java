package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.testsupport.EmbeddedKafka;
import io.rhwatch.testsupport.KafkaBrokerResource;

import java.util.Map;

/** The shared real broker, with the aggregator's topics created before Kafka Streams waits for them. */
public class AggregatorKafkaResource extends KafkaBrokerResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        EmbeddedKafka.createTopics(2, TopologyProducer.JUDGMENTS_TOPIC, TopologyProducer.CURVES_TOPIC, TopologyProducer.EXAMPLES_TOPIC,
                TopologyProducer.OUTCOMES_TOPIC, WindowedCounts.WINDOWS_TOPIC, WindowedCounts.ALERTS_TOPIC, TopologyProducer.DEAD_LETTER_TOPIC);
        return config;
    }
}
