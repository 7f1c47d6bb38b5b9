package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/triton/model_repository loads on the Triton release docs/TRITON.md names (25.12, vLLM 0.11.1): the vLLM
 * backend passes model.json to AsyncEngineArgs(**json), so one key that is not an engine argument fails the load.
 */
class TritonRepositoryTest {

    /** The AsyncEngineArgs fields of vLLM 0.11.1 this repository may use (checked in vllm/engine/arg_utils.py). */
    static final Set<String> ENGINE_ARGUMENTS = Set.of("model", "tokenizer", "dtype", "max_model_len", "gpu_memory_utilization",
            "max_num_seqs", "limit_mm_per_prompt", "mm_processor_kwargs", "tensor_parallel_size", "enable_prefix_caching",
            "enforce_eager", "disable_log_stats", "enable_log_requests", "trust_remote_code", "revision", "download_dir",
            "max_num_batched_tokens", "kv_cache_dtype", "quantization", "seed");

    private static final Path REPOSITORY = Repository.root().resolve("deploy/triton/model_repository");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEngineArgumentIsOneVllmAccepts() {
        assertThat(problems(models())).isEmpty();
    }

    @Test
    void bothModelsFitOneGpu() {
        double total = 0;
        for (Path model : models()) {
            total += engineArguments(model).path("gpu_memory_utilization").asDouble(0.9);
        }
        assertThat(total).as("sum of gpu_memory_utilization over the models one Triton loads on one GPU").isLessThanOrEqualTo(0.9);
    }

    @Test
    void everyModelIsServedByTheVllmBackendWithItsMetrics() {
        for (Path model : models()) {
            String config = Repository.read(model.resolve("config.pbtxt"));
            assertThat(config).as(model + "/config.pbtxt").contains("backend: \"vllm\"").contains("REPORT_CUSTOM_METRICS");
        }
    }

    @Test
    void aRemovedEngineArgumentIsReported() {
        assertThat(problems("r1", JSON.createObjectNode().put("model", "m").put("disable_log_requests", true)))
                .containsExactly("r1/1/model.json: disable_log_requests is not an engine argument of vLLM 0.11.1 (Triton 25.12)");
    }

    private static List<String> problems(List<Path> models) {
        List<String> problems = new ArrayList<>();
        for (Path model : models) {
            problems.addAll(problems(model.getFileName().toString(), engineArguments(model)));
        }
        return problems;
    }

    static List<String> problems(String model, JsonNode arguments) {
        List<String> problems = new ArrayList<>();
        arguments.fieldNames().forEachRemaining(key -> {
            if (!ENGINE_ARGUMENTS.contains(key)) {
                problems.add(model + "/1/model.json: " + key + " is not an engine argument of vLLM 0.11.1 (Triton 25.12)");
            }
        });
        return problems;
    }

    static List<Path> models() {
        try (Stream<Path> dirs = Files.list(REPOSITORY)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("config.pbtxt"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode engineArguments(Path model) {
        try {
            return JSON.readTree(model.resolve("1/model.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
