package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml's profiles (gpu, monitoring), deploy/compose/gpu.yml and the memory limits of its JVMs. */
class ComposeProfilesTest {

    private static JsonNode services;
    private static JsonNode gpu;

    @BeforeAll
    static void load() {
        services = Yaml.read(Repository.root().resolve("docker-compose.yml")).path("services");
        gpu = Yaml.read(Repository.root().resolve("deploy/compose/gpu.yml")).path("services");
    }

    @Test
    void everyJvmHasAMemoryLimit() {
        List<String> unlimited = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            boolean jvm = service.getValue().has("build") || Yaml.text(service.getValue(), "image").startsWith("apache/kafka");
            boolean oneShot = "no".equals(Yaml.text(service.getValue(), "restart"));
            if (jvm && !oneShot && !service.getValue().has("mem_limit")) {
                unlimited.add(service.getKey());
            }
        });
        assertThat(unlimited).isEmpty();
    }

    @Test
    void tritonServesTheRepositoryOnAReservedGpuInProfileGpu() {
        JsonNode triton = services.path("tritonserver");
        assertThat(texts(triton.path("profiles"))).containsExactly("gpu");
        JsonNode device = triton.path("deploy").path("resources").path("reservations").path("devices").path(0);
        assertThat(device.path("driver").asText()).isEqualTo("nvidia");
        assertThat(device.path("capabilities").get(0).asText()).isEqualTo("gpu");
        assertThat(texts(triton.path("volumes"))).contains("./deploy/triton/model_repository:/models:ro");
        assertThat(String.join(" ", texts(triton.path("healthcheck").path("test")))).contains("/v2/health/ready");
    }

    @Test
    void theGpuFileNamesTheModelsTritonLoads() {
        Set<String> loaded = new TreeSet<>();
        for (String argument : texts(services.path("tritonserver").path("command"))) {
            if (argument.startsWith("--load-model=")) {
                loaded.add(argument.substring("--load-model=".length()));
            }
        }
        assertThat(loaded).isEqualTo(new TreeSet<>(TritonRepositoryTest.models().stream().map(model -> model.getFileName().toString()).toList()));
        assertThat(Yaml.text(gpu, "inference", "environment", "RHWATCH_INFERENCE_SERVED_MODELS"))
                .isEqualTo(Yaml.text(gpu, "corruption", "environment", "RHWATCH_CORRUPTION_MODELS"));
        assertThat(loaded).contains(Yaml.text(gpu, "inference", "environment", "RHWATCH_INFERENCE_SERVED_MODELS"),
                Yaml.text(gpu, "judge", "environment", "RHWATCH_JUDGE_LLM_MODEL"));
        assertThat(Yaml.text(gpu, "inference", "environment", "QUARKUS_GRPC_CLIENTS_TRITON_HOST")).isEqualTo("tritonserver");
        assertThat(Yaml.text(gpu, "judge", "environment", "QUARKUS_GRPC_CLIENTS_JUDGE_TRITON_HOST")).isEqualTo("tritonserver");
        List<String> problems = new ArrayList<>();
        gpu.fields().forEachRemaining(service -> {
            ServiceModule module = Repository.services().stream().filter(candidate -> candidate.name().equals(service.getKey())).findFirst().orElseThrow();
            List<String> variables = new ArrayList<>();
            service.getValue().path("environment").fieldNames().forEachRemaining(variables::add);
            problems.addAll(Environment.problems("deploy/compose/gpu.yml " + service.getKey(), module, variables));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void prometheusAndGrafanaLoadTheRulesAndTheDashboardInProfileMonitoring() {
        assertThat(texts(services.path("prometheus").path("profiles"))).containsExactly("monitoring");
        assertThat(texts(services.path("grafana").path("profiles"))).containsExactly("monitoring");
        assertThat(texts(services.path("prometheus").path("volumes")))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./deploy/prometheus/rhwatch-alerts.yml:/etc/prometheus/rhwatch-alerts.yml:ro");
        assertThat(texts(services.path("grafana").path("volumes")))
                .contains("./deploy/grafana/rhwatch-dashboard.json:/var/lib/grafana/dashboards/rhwatch-dashboard.json:ro");
        JsonNode provider = Yaml.read(Repository.root().resolve("deploy/grafana/provisioning/dashboards/rhwatch.yml"));
        assertThat(Yaml.text(provider.path("providers").path(0), "options", "path")).isEqualTo("/var/lib/grafana/dashboards");
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
