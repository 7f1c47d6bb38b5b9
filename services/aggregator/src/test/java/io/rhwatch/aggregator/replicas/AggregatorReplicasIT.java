package io.rhwatch.aggregator.replicas;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.proto.v1.ExampleDetail;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two aggregator instances (two processes of the packaged jar, one Kafka Streams application id) on
 * the real broker, with judgments of several models spread over partitions so that each instance
 * counts only some of them: each instance's API answers for every model, with the same numbers. When
 * one instance stops, the other goes on answering for every model and takes over its counting.
 */
class AggregatorReplicasIT {

    private static final int PARTITIONS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String APPLICATION_ID = "rhwatch-aggregator";
    private static final int[] BUDGETS = {0, 100, 200};
    private static final int PER_CELL = 10;

    @Test
    void everyInstanceAnswersForEveryModelWithTheSameNumbers() throws Exception {
        EmbeddedKafka.createTopics(PARTITIONS, TopologyProducer.JUDGMENTS_TOPIC, TopologyProducer.CURVES_TOPIC,
                TopologyProducer.EXAMPLES_TOPIC, TopologyProducer.OUTCOMES_TOPIC, WindowedCounts.WINDOWS_TOPIC, WindowedCounts.ALERTS_TOPIC,
                TopologyProducer.DEAD_LETTER_TOPIC);
        Map<String, String> settings = Map.of(
                "kafka.bootstrap.servers", EmbeddedKafka.bootstrapServers(),
                // A stopped instance's partitions move on within seconds, not the default 45 s.
                "kafka-streams.session.timeout.ms", "6000");
        List<String> models = modelsOnEveryPartition();

        try (AggregatorProcess first = new AggregatorProcess("first", settings);
             AggregatorProcess second = new AggregatorProcess("second", settings);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers()))) {
            List<Set<Integer>> owned = await().atMost(TIMEOUT).until(() -> judgmentPartitionsPerInstance(admin),
                    instances -> instances.size() == 2 && instances.stream().noneMatch(Set::isEmpty));
            for (Set<Integer> partitions : owned) {
                assertThat(models).as("models counted by the instance owning partitions %s", partitions)
                        .anyMatch(model -> partitions.contains(partition(model)))
                        .anyMatch(model -> !partitions.contains(partition(model)));
            }

            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (int m = 0; m < models.size(); m++) {
                    feedModel(producer, models.get(m), m);
                }
            }
            long judged = 2L * BUDGETS.length * PER_CELL;
            for (AggregatorProcess instance : List.of(first, second)) {
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    JsonPath rows = json(instance.body("/v1/models"));
                    for (String model : models) {
                        assertThat(rows.getLong("find { it.model == '" + model + "' }.judged")).as(model).isEqualTo(judged);
                    }
                });
            }

            assertThat(second.body("/v1/models")).isEqualTo(first.body("/v1/models"));
            for (int m = 0; m < models.size(); m++) {
                String model = models.get(m);
                String curve = first.body("/v1/models/" + model + "/curve");
                assertThat(second.body("/v1/models/" + model + "/curve")).as(model).isEqualTo(curve);
                assertThat(json(curve).getDouble("rh_auc")).as(model).isEqualTo(expectedRhAuc(m));
                String examples = first.body("/v1/models/" + model + "/examples?limit=50");
                assertThat(second.body("/v1/models/" + model + "/examples?limit=50")).as(model).isEqualTo(examples);
                assertThat(json(examples).getList("$")).hasSize(50);
            }
            assertThat(json(first.body("/v1/history")).getList("model", String.class)).containsAll(models);
            assertThat(json(second.body("/v1/history")).getList("model", String.class)).containsAll(models);

            // The second instance stops: the first answers for every model at once, and counts every model from then on.
            second.close();
            assertThat(json(first.body("/v1/models")).getList("model", String.class)).containsAll(models);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                models.forEach(model -> send(producer, judgment(model, model + "|after-stop", 0, Task.TASK_REASONING, true)));
            }
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                JsonPath rows = json(first.body("/v1/models"));
                for (String model : models) {
                    assertThat(rows.getLong("find { it.model == '" + model + "' }.judged")).as(model).isEqualTo(judged + 1);
                }
            });
        }
    }

    /** Model names chosen so that every partition of rh.judgments holds one (the judge keys judgments by model). */
    private static List<String> modelsOnEveryPartition() {
        Map<Integer, String> byPartition = new LinkedHashMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS; i++) {
            String model = "org/replica-model-" + i;
            byPartition.putIfAbsent(partition(model), model);
        }
        return List.copyOf(byPartition.values());
    }

    /** The partition the producer's default partitioner gives a key. */
    private static int partition(String model) {
        return Utils.toPositive(Utils.murmur2(model.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** The rh.judgments partitions of each member of the application's consumer group. */
    private static List<Set<Integer>> judgmentPartitionsPerInstance(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
                .describedGroups().get(APPLICATION_ID).get();
        List<Set<Integer>> instances = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            instances.add(member.assignment().topicPartitions().stream()
                    .filter(p -> p.topic().equals(TopologyProducer.JUDGMENTS_TOPIC))
                    .map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return instances;
    }

    /** Model m's reasoning accuracy rises with the budget and its perception falls, each model at its own rate. */
    private static void feedModel(KafkaProducer<String, byte[]> producer, String model, int m) {
        for (int level = 0; level < BUDGETS.length; level++) {
            for (int i = 0; i < PER_CELL; i++) {
                String id = model + "|" + BUDGETS[level] + "|" + i;
                send(producer, judgment(model, id + "|r", BUDGETS[level], Task.TASK_REASONING, i < reasoningCorrect(level)));
                send(producer, judgment(model, id + "|p", BUDGETS[level], Task.TASK_PERCEPTION, i < perceptionCorrect(m, level)));
            }
        }
    }

    private static int reasoningCorrect(int level) {
        return 3 + 2 * level;
    }

    private static int perceptionCorrect(int m, int level) {
        return level == 1 ? 9 - m : 8 - level - m % 2;
    }

    private static double expectedRhAuc(int m) {
        List<RhAuc.Level> levels = new ArrayList<>();
        for (int level = 0; level < BUDGETS.length; level++) {
            levels.add(new RhAuc.Level(BUDGETS[level], reasoningCorrect(level) / (double) PER_CELL,
                    perceptionCorrect(m, level) / (double) PER_CELL));
        }
        return RhAuc.compute(levels).rhAuc();
    }

    private static Judgment judgment(String model, String id, int budget, Task task, boolean correct) {
        return Judgment.newBuilder().setJudgmentId(id)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(id)
                        .setTask(task)).setModel(model).setBudget(budget)
                .setVerdict(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                // every judgment an example (the judge's every-nth-sample=1), so each model fills its 50 slots
                .setExample(ExampleDetail.getDefaultInstance())
                .setJudgedAtMs(System.currentTimeMillis()).build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, Judgment judgment) {
        producer.send(new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, judgment.getModel(), judgment.toByteArray()));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static JsonPath json(String body) {
        // doubles, not RestAssured's default floats, so numbers compare exactly
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

}
