package io.rhwatch.loadtests;

import io.rhwatch.proto.v1.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator fails 10% of requests with UNAVAILABLE and drops 1% of streams (half the responses, then silence,
 * so only the call deadline ends them). Every probe must end as exactly one complete set of responses (one per budget
 * level) or one dead letter: none lost, none duplicated.
 */
final class FaultScenario {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    private FaultScenario() {
    }

    static int run() throws Exception {
        int probeCount = Main.env("PROBES", 1000);
        int slots = Main.env("SLOTS", 32);
        int serviceTimeMs = Main.env("SERVICE_TIME_MS", 200);
        Duration timeout = Duration.ofMinutes(Main.env("TIMEOUT_MIN", 10));
        int inFlight = slots + Math.max(1, slots / 4);

        try (Rig rig = Rig.start(
                Map.of("rhwatch.sim.capacity.slots", String.valueOf(slots),
                        "rhwatch.sim.capacity.service-time", serviceTimeMs + "ms",
                        "rhwatch.sim.capacity.faults.unavailable-rate", "0.10",
                        "rhwatch.sim.capacity.faults.dropped-stream-rate", "0.01"),
                Map.of("rhwatch.inference.model-max-in-flight", String.valueOf(inFlight),
                        "rhwatch.inference.max-in-flight", String.valueOf(2 * inFlight),
                        // a dropped stream is only noticed by its deadline: keep it a few service times long
                        "rhwatch.inference.call-deadline", "5s",
                        "rhwatch.inference.retry.max-retries", "5",
                        "rhwatch.inference.retry.initial-backoff", "200ms",
                        "rhwatch.inference.retry.max-backoff", "3s"));
             KafkaConsumer<String, byte[]> consumer = consumer(rig.bootstrapServers())) {
            System.out.println("sending " + probeCount + " probes ...");
            List<String> probes = rig.sendProbes("faults", probeCount);
            Map<String, Map<String, Integer>> responses = new HashMap<>();
            Map<String, Integer> deadLetters = new HashMap<>();
            probes.forEach(id -> {
                responses.put(id, new HashMap<>());
                deadLetters.put(id, 0);
            });

            long deadline = System.nanoTime() + timeout.toNanos();
            long nextNote = System.nanoTime();
            while (System.nanoTime() < deadline && settled(probes, responses, deadLetters) < probes.size()) {
                read(consumer, Duration.ofSeconds(1), responses, deadLetters);
                if (System.nanoTime() > nextNote) {
                    System.out.println("settled " + settled(probes, responses, deadLetters) + " of " + probes.size());
                    nextNote = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
            // anything written twice would show up now
            long settleUntil = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < settleUntil) {
                read(consumer, Duration.ofSeconds(1), responses, deadLetters);
            }

            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, 0);
            }
            for (String id : probes) {
                outcomes.merge(Outcome.of(responses.get(id), deadLetters.get(id)), 1, Integer::sum);
            }
            System.out.printf("faults injected by the simulator: %.0f unavailable, %.0f dropped streams; transient errors seen by "
                            + "inference: %.0f; circuit breaker opened %.0f times%n",
                    rig.sim().metric("rhwatch_sim_faults_total", "fault=\"unavailable\""),
                    rig.sim().metric("rhwatch_sim_faults_total", "fault=\"dropped\""),
                    rig.inference().metric("rhwatch_inference_triton_transient_errors_total", ""),
                    rig.inference().metric("rhwatch_inference_circuit_opened_total", ""));
            Main.result("inference-faults", "RESULT probes=" + probes.size() + " responses=" + outcomes.get(Outcome.ANSWERED)
                    + " dead_letters=" + outcomes.get(Outcome.DEAD_LETTERED) + " lost=" + outcomes.get(Outcome.LOST)
                    + " duplicated=" + outcomes.get(Outcome.DUPLICATED) + " mixed=" + outcomes.get(Outcome.MIXED));
            return outcomes.get(Outcome.LOST) == 0 && outcomes.get(Outcome.DUPLICATED) == 0 && outcomes.get(Outcome.MIXED) == 0 ? 0 : 1;
        }
    }

    /** How one probe ended; only ANSWERED and DEAD_LETTERED are allowed. */
    enum Outcome {
        /** exactly one response per budget level, no dead letter */
        ANSWERED,
        /** exactly one dead letter, no response */
        DEAD_LETTERED,
        /** an incomplete response set (possibly none) and no dead letter */
        LOST,
        /** a response written twice, two dead letters, or a complete response set and a dead letter */
        DUPLICATED,
        /** an incomplete, non-empty response set and a dead letter: the probe was both answered in part and given up */
        MIXED;

        /** @param levels count of each response id seen for the probe; @param letters dead letters seen for it */
        static Outcome of(Map<String, Integer> levels, int letters) {
            boolean complete = levels.size() == Rig.BUDGETS.size();
            if (levels.values().stream().anyMatch(n -> n > 1) || letters > 1 || complete && letters == 1) {
                return DUPLICATED;
            }
            if (letters == 1) {
                return levels.isEmpty() ? DEAD_LETTERED : MIXED;
            }
            return complete ? ANSWERED : LOST;
        }
    }

    private static int settled(List<String> probes, Map<String, Map<String, Integer>> responses, Map<String, Integer> deadLetters) {
        int settled = 0;
        for (String id : probes) {
            if (responses.get(id).size() == Rig.BUDGETS.size() || deadLetters.get(id) > 0) {
                settled++;
            }
        }
        return settled;
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, Duration poll,
                             Map<String, Map<String, Integer>> responses, Map<String, Integer> deadLetters) throws Exception {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(poll)) {
            if (record.topic().equals("rh.dlq.inference")) {
                deadLetters.merge(record.key(), 1, Integer::sum);
            } else {
                Response response = Response.parseFrom(record.value());
                Map<String, Integer> levels = responses.get(response.getProbeId());
                if (levels != null) {
                    levels.merge(response.getResponseId(), 1, Integer::sum);
                }
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("rh.responses", "rh.dlq.inference")) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
