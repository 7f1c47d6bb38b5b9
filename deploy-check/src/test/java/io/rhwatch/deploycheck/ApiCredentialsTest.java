package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion service refuses to start without credentials (docs/SECURITY.md): every overlay must give it a token
 * from a Secret (never a literal in the manifests) or enable OIDC with an issuer; compose must demand one. CORS is
 * configured nowhere, and compose publishes its ports on 127.0.0.1 unless told otherwise.
 */
class ApiCredentialsTest {

    private static final String TOKEN = "RHWATCH_AUTH_TOKEN";

    @Test
    void ingestionHasCredentialsInEveryOverlay() {
        List<Path> overlays = overlays();
        assertThat(overlays).extracting(overlay -> overlay.getFileName().toString()).contains("local", "gpu");
        for (Path overlay : overlays) {
            assertThat(problems(Kubectl.kustomize(overlay))).as("k8s/overlays/%s", overlay.getFileName()).isEmpty();
        }
    }

    @Test
    void theGpuOverlayAcceptsOidcAccessTokens() {
        Map<String, JsonNode> env = ingestionEnvironment(Kubectl.kustomize(Repository.root().resolve("k8s/overlays/gpu")));
        assertThat(Yaml.text(env.get("QUARKUS_OIDC_TENANT_ENABLED"), "value")).isEqualTo("true");
        assertThat(Yaml.text(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"), "value")).startsWith("https://");
    }

    @Test
    void aTokenWrittenIntoTheManifestsOrNoCredentialsAtAllAreCaught() {
        List<JsonNode> rendered = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local"));
        ObjectNode token = (ObjectNode) ingestionEnvironment(rendered).get(TOKEN);
        token.remove("valueFrom");
        token.put("value", "written-into-git-0123456789-0123456789");
        assertThat(problems(rendered)).containsExactly("ingestion's " + TOKEN + " is not read from a Secret (secretKeyRef)");

        token.put("name", "SOMETHING_ELSE");
        assertThat(problems(rendered)).containsExactly("ingestion has no credentials: neither " + TOKEN
                + " from a Secret nor QUARKUS_OIDC_TENANT_ENABLED=true with QUARKUS_OIDC_AUTH_SERVER_URL");
    }

    @Test
    void composeDemandsTheTokenAndPublishesOnLoopback() {
        String compose = Repository.read(Repository.root().resolve("docker-compose.yml"));
        JsonNode ingestion = Yaml.parse(compose, "docker-compose.yml").path("services").path("ingestion");
        assertThat(ComposeChecks.environment(ingestion).get(TOKEN)).as("compose refuses to start without the token")
                .startsWith("${" + TOKEN + ":?");
        Yaml.parse(compose, "docker-compose.yml").path("services").forEach(service -> service.path("ports").forEach(port ->
                assertThat(port.asText()).as("published port").startsWith("${RHWATCH_PUBLISH_ADDRESS:-127.0.0.1}:")));
    }

    @Test
    void corsIsConfiguredNowhere() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Repository.root().resolve("docker-compose.yml")));
        try (Stream<Path> tree = Stream.concat(Files.walk(Repository.root().resolve("k8s")), Files.walk(Repository.root().resolve("services")))) {
            tree.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith("application.properties"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .forEach(files::add);
        }
        for (Path file : files) {
            // Comments may say that CORS is off; settings may not turn it on.
            List<String> settings = Repository.read(file).toLowerCase(Locale.ROOT).lines()
                    .filter(line -> !line.strip().startsWith("#")).toList();
            assertThat(settings).as("%s", file).noneMatch(line -> line.contains("quarkus.http.cors") || line.contains("quarkus_http_cors"));
        }
    }

    static List<String> problems(List<JsonNode> rendered) {
        Map<String, JsonNode> env = ingestionEnvironment(rendered);
        JsonNode token = env.get(TOKEN);
        if (token != null && Yaml.text(token, "valueFrom", "secretKeyRef", "name") == null) {
            return List.of("ingestion's " + TOKEN + " is not read from a Secret (secretKeyRef)");
        }
        boolean oidc = "true".equals(Yaml.text(env.get("QUARKUS_OIDC_TENANT_ENABLED"), "value"))
                && Yaml.text(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"), "value") != null;
        if (token == null && !oidc) {
            return List.of("ingestion has no credentials: neither " + TOKEN
                    + " from a Secret nor QUARKUS_OIDC_TENANT_ENABLED=true with QUARKUS_OIDC_AUTH_SERVER_URL");
        }
        return List.of();
    }

    /** The ingestion container's env entries by name. */
    private static Map<String, JsonNode> ingestionEnvironment(List<JsonNode> rendered) {
        JsonNode deployment = rendered.stream()
                .filter(document -> "Deployment".equals(document.path("kind").asText()))
                .filter(document -> "ingestion".equals(document.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment ingestion"));
        Map<String, JsonNode> env = new LinkedHashMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").forEach(container -> {
            if ("ingestion".equals(container.path("name").asText())) {
                container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
            }
        });
        return env;
    }

    private static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(Repository.root().resolve("k8s/overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
