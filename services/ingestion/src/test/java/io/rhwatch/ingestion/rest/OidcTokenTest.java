package io.rhwatch.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * OIDC in place of the static token: quarkus-oidc verifies RS256 access tokens against a configured public key
 * (quarkus.oidc.public-key) and issuer, as it would against an issuer's published keys, without a server. Tokens are
 * signed here; a token signed by another key, for another issuer, or expired is answered 401, and so is the static
 * token, which this profile does not configure.
 */
@QuarkusTest
@TestProfile(OidcTokenTest.Oidc.class)
class OidcTokenTest {

    /** A fixed file: the profile and the test may be loaded by different class loaders. */
    static final Path PRIVATE_KEY = Path.of("target", "oidc-test", "private-key.der").toAbsolutePath();
    static final String ISSUER = "https://issuer.rhwatch.test/realms/rhwatch";
    /** A static token of the right length; this profile configures none, so it is just another unverifiable bearer token. */
    static final String STATIC_TOKEN = "a-static-token-nobody-configured-0123456789";

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            KeyPair keys = rsaKeys();
            try {
                Files.createDirectories(PRIVATE_KEY.getParent());
                Files.write(PRIVATE_KEY, keys.getPrivate().getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> config = new HashMap<>(new BrokerDownTest.NoBroker().getConfigOverrides());
            config.put("rhwatch.auth.token", "");
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            config.put("quarkus.oidc.token.issuer", ISSUER);
            return config;
        }
    }

    @Test
    void aSignedAccessTokenFromTheIssuerIsAccepted() throws Exception {
        post("Bearer " + jwt(key(), ISSUER, Instant.now().plusSeconds(300))).statusCode(400).body("field", not(equalTo("Authorization")));
    }

    @Test
    void anyOtherTokenIsAnswered401() throws Exception {
        post("Bearer " + jwt(rsaKeys().getPrivate(), ISSUER, Instant.now().plusSeconds(300))).statusCode(401);
        post("Bearer " + jwt(key(), "https://elsewhere.test", Instant.now().plusSeconds(300))).statusCode(401);
        post("Bearer " + jwt(key(), ISSUER, Instant.now().minusSeconds(3600))).statusCode(401);
        post("Bearer " + STATIC_TOKEN).statusCode(401);
        post(null).statusCode(401).body("field", equalTo("Authorization"));
    }

    private static io.restassured.response.ValidatableResponse post(String authorization) {
        var request = given().contentType(ContentType.JSON).body(Map.of("id", "oidc-1", "task", "perception"));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post("/v1/samples").then();
    }

    private static PrivateKey key() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(PRIVATE_KEY)));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact RS256 JWS, as an OIDC provider issues access tokens. */
    private static String jwt(PrivateKey key, String issuer, Instant expires) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = url.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"feeder\",\"iat\":" + Math.min(now, expires.getEpochSecond() - 60)
                + ",\"exp\":" + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + url.encodeToString(signer.sign());
    }
}
