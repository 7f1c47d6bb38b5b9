package io.rhwatch.aggregator.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * rhwatch.auth.read-access=token: the read API answers 401 with the JSON error body without the token or with another
 * one, and serves with it once the stores are ready; health and metrics stay open. (Open, the default, is what every other test reads.)
 */
@QuarkusTest
@TestProfile(ReadAccessTest.TokenForReads.class)
@QuarkusTestResource(AggregatorKafkaResource.class)
class ReadAccessTest {

    static final String TOKEN = "aggregator-read-token-for-tests-0123456789";

    public static class TokenForReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rhwatch.auth.read-access", "token", "rhwatch.auth.token", TOKEN);
        }
    }

    @Test
    void readsWithoutTheTokenAreAnswered401() {
        for (String path : new String[] {"/v1/models", "/v1/models/any/curve", "/v1/history"}) {
            given().when().get(path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType(ContentType.JSON)
                    .body("error", containsString("credentials required"));
        }
        given().header("Authorization", "Bearer " + TOKEN + "-not").when().get("/v1/models").then().statusCode(401);
    }

    @Test
    void readsWithTheTokenAreServed() {
        // 503 is the API's answer until Kafka Streams has its stores (the first rebalance); the token must never 401.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", "Bearer " + TOKEN)
                .when().get("/v1/models").then().statusCode(200));
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
