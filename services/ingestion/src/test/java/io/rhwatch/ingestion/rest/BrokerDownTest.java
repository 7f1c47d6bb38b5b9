package io.rhwatch.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.ingestion.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rhwatch.ingestion.IngestionRequests.datasetDirectory;
import static io.rhwatch.ingestion.IngestionRequests.postImport;
import static io.rhwatch.ingestion.IngestionRequests.postSample;
import static io.rhwatch.ingestion.IngestionRequests.postTraffic;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** With no broker to take the write, a valid sample is answered 503 with the broker's error, never 202. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1; the producer gives up within seconds instead of the production minute.
            return Map.of("kafka.bootstrap.servers", "localhost:1",
                    "mp.messaging.outgoing.samples.max.block.ms", "1000",
                    "mp.messaging.outgoing.samples.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.samples.delivery.timeout.ms", "2000",
                    "mp.messaging.outgoing.posted-traffic.max.block.ms", "1000",
                    "mp.messaging.outgoing.posted-traffic.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.posted-traffic.delivery.timeout.ms", "2000");
        }
    }

    @Test
    void aSampleTheBrokerCannotTakeIsAnswered503WithTheCause() {
        postSample(Map.of("id", "down-1", "task", "perception", "question_type", "yes_no",
                        "question", "Is it red?", "image", TestImages.base64(TestImages.noisePng(8, 8, 1))))
                .then().statusCode(503)
                .body("error", startsWith("rh.samples: the broker did not acknowledge sample down-1"))
                .body("error", containsString("not present in metadata"));
    }

    @Test
    void trafficTheBrokerCannotTakeIsAnswered503SayingWhichRecords() {
        Map<String, Object> first = Map.of("request_id", "down-t-1", "model", "m", "question_type", "yes_no",
                "question", "Is it red?", "image", TestImages.base64(TestImages.noisePng(8, 8, 3)));
        Map<String, Object> second = new HashMap<>(first);
        second.put("request_id", "down-t-2");

        postTraffic(first)
                .then().statusCode(503)
                .body("error", startsWith("rh.traffic: the broker did not acknowledge traffic record down-t-1"))
                .body("error", containsString("not present in metadata"));
        postTraffic(Map.of("records", List.of(first, second)))
                .then().statusCode(503)
                .body("error", startsWith("rh.traffic: the broker did not acknowledge 2 of the 2 new records of the batch "
                        + "(the first: records[0], request id down-t-1)"));
    }

    @Test
    void anImportTheBrokerStopsTakingSaysWhatWasWrittenAndWhereItFailed() throws Exception {
        Path dir = datasetDirectory("broker-down");
        Files.write(dir.resolve("a.png"), TestImages.noisePng(8, 8, 2));
        String record = "{\"id\": \"%s\", \"task\": \"perception\", \"question_type\": \"yes_no\", "
                + "\"question\": \"Is it red?\", \"answer\": \"no\", \"image\": \"a.png\"}";
        // record 0 is refused before any write, so the failed write is record 1, the first one sent
        Files.writeString(dir.resolve("bench.jsonl"), String.join("\n", "{broken",
                String.format(record, "down-imp-1"), String.format(record, "down-imp-2")));

        postImport(Map.of("path", dir.resolve("bench.jsonl").toString()))
                .then().statusCode(503)
                .body("error", startsWith("rh.samples: the write of record 1 (down-imp-1) was not acknowledged after 0"))
                .body("error", containsString("not present in metadata"))
                .body("acknowledged_ids", equalTo(List.of()))
                .body("failed_index", equalTo(1))
                .body("failed_id", equalTo("down-imp-1"));
    }
}
