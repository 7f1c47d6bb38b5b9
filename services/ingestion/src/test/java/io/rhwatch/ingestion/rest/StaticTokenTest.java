package io.rhwatch.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.rhwatch.ingestion.TestCredentials;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Writes need the static token: without it, or with another one, a 401 with the JSON error body and a Bearer
 * challenge; with it, the request reaches the endpoint (here its validation of the incomplete sample). Health stays open.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class StaticTokenTest {

    private static final Map<String, Object> INCOMPLETE_SAMPLE = Map.of("id", "auth-1", "task", "perception");

    @Test
    void aWriteWithoutCredentialsIsAnswered401WithTheJsonErrorBody() {
        for (String path : new String[] {"/v1/samples", "/v1/imports"}) {
            given().contentType(ContentType.JSON).body(INCOMPLETE_SAMPLE)
                    .when().post(path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType(ContentType.JSON)
                    .body("field", equalTo("Authorization"))
                    .body("error", containsString("credentials required"));
        }
    }

    @Test
    void aWriteWithAnotherTokenIsAnswered401() {
        for (String wrong : new String[] {TestCredentials.BEARER + "x", TestCredentials.BEARER.substring(0, TestCredentials.BEARER.length() - 1),
                "Basic " + TestCredentials.BEARER.substring("Bearer ".length()), "Bearer "}) {
            given().header(TestCredentials.HEADER, wrong).contentType(ContentType.JSON).body(INCOMPLETE_SAMPLE)
                    .when().post("/v1/samples")
                    .then().statusCode(401)
                    .body("field", equalTo("Authorization"));
        }
    }

    @Test
    void aWriteWithTheTokenReachesTheEndpoint() {
        given().header(TestCredentials.HEADER, TestCredentials.BEARER).contentType(ContentType.JSON).body(INCOMPLETE_SAMPLE)
                .when().post("/v1/samples")
                .then().statusCode(400)
                .body("field", not(equalTo("Authorization")));
    }

    @Test
    void healthAndMetricsNeedNoCredentials() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
