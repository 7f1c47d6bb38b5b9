package io.rhwatch.loadtests;

import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.rhwatch.benchmark.BenchmarkSample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the simulator's real ceiling in this run: {@code callers} threads call ModelStreamInfer directly, each
 * sending its next request as soon as the previous one ended, with no broker or inference service in between. The
 * requests the simulator completed over the window (its own counter, as for the mesh) give the ceiling.
 */
final class SimulatorCeiling {

    /** An answer call as the inference service sends it: not streamed, a few tokens. */
    private static final String SAMPLING = "{\"max_tokens\": 16, \"temperature\": 0}";

    private SimulatorCeiling() {
    }

    /** Requests per second the simulator completed while {@code callers} saturated it for {@code window}. */
    static double measure(Rig rig, int callers, Duration warmup, Duration window) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", rig.simGrpcPort()).usePlaintext().build();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long stopAt = System.nanoTime() + warmup.plus(window).toNanos() + Duration.ofSeconds(1).toNanos();
        AtomicLong failures = new AtomicLong();
        try {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                ModelInferRequest request = request(rig.sample(i), "ceiling-" + i);
                running.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < stopAt) {
                        if (!call(channel, request)) {
                            failures.incrementAndGet();
                        }
                    }
                }, pool));
            }
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
            double startCount = ThroughputScenario.completed(rig);
            long start = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(window.toNanos());
            double endCount = ThroughputScenario.completed(rig);
            double seconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            System.out.printf("ceiling: %d direct callers, %.1f s window, %d requests completed by the simulator, %d calls failed%n",
                    callers, seconds, (long) (endCount - startCount), failures.get());
            return (endCount - startCount) / seconds;
        } finally {
            pool.shutdownNow();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One ModelStreamInfer call to its end; false if it failed. */
    private static boolean call(ManagedChannel channel, ModelInferRequest request) {
        return ProbeCeiling.call(channel, request, new StringBuilder()).join();
    }

    private static ModelInferRequest request(BenchmarkSample sample, String id) {
        // no thinking: the answer prompt with the thinking closed at once
        String prompt = ProbeCeiling.thinkingPrompt(sample) + "\n</think>\n\n";
        return ModelInferRequest.newBuilder()
                .setModelName(Rig.MODEL)
                .setId(id)
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(bytes("text_input", ByteString.copyFromUtf8(prompt)))
                .addInputs(bytes("image", ByteString.copyFrom(Base64.getEncoder().encode(sample.png()))))
                .addInputs(bytes("sampling_parameters", ByteString.copyFromUtf8(SAMPLING)))
                .addInputs(bool("stream", false))
                .addInputs(bool("exclude_input_in_output", true))
                .build();
    }

    static InferInputTensor bytes(String name, ByteString value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(value)).build();
    }

    static InferInputTensor bool(String name, boolean value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value)).build();
    }
}
