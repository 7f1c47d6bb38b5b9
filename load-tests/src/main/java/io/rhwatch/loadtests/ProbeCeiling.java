package io.rhwatch.loadtests;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelStreamInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.triton.InferResponseDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of a probe's work no mesh can avoid: its generations, sent straight to the simulator over gRPC with no
 * broker and no service in between. One probe is what the inference service asks of the model for it (budget
 * forcing): one streamed thinking generation at the largest level, stopped at {@code </think>}, then one answer
 * generation per level from the thinking cut to that level, all levels at once. {@code callers} threads each run probes back to back;
 * the probes completed over the window give the ceiling in probes per second.
 */
final class ProbeCeiling {

    private static final String THINK_END = "</think>";
    /** The answer's length limit as the inference service sets it (rhwatch.inference.answer-max-tokens). */
    private static final int ANSWER_MAX_TOKENS = 1024;

    private ProbeCeiling() {
    }

    /**
     * Probes per second the simulator completed while {@code callers} kept it busy for {@code window}, once every caller
     * finished a first probe (the simulator's first requests are slow: class loading, JIT) and {@code warmup} passed.
     */
    static double measure(int grpcPort, List<String> models, List<Integer> levels, List<BenchmarkSample> samples, int callers,
                          Duration warmup, Duration window) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", grpcPort).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch warm = new CountDownLatch(callers);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
        AtomicLong inWindow = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        try {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller;
                running.add(CompletableFuture.runAsync(() -> {
                    for (int i = first; !stopped.get(); i += callers) {
                        BenchmarkSample sample = samples.get(i % samples.size());
                        boolean answered = probe(channel, models.get(i % models.size()), sample, levels, "ceiling-" + i);
                        long now = System.nanoTime();
                        if (!answered) {
                            failures.incrementAndGet();
                        } else if (now >= windowStart.get() && now < windowEnd.get()) {
                            inWindow.incrementAndGet();
                        }
                        if (i == first) {
                            warm.countDown();
                        }
                    }
                }, pool));
            }
            if (!warm.await(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every caller finished a first probe within 3 min");
            }
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
            long start = System.nanoTime();
            windowEnd.set(start + window.toNanos());
            windowStart.set(start);
            TimeUnit.NANOSECONDS.sleep(window.toNanos());
            stopped.set(true);
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            System.out.printf("ceiling: %d direct callers, %d probes (%d calls each) completed in the %d s window, %d failed%n",
                    callers, inWindow.get(), 1 + levels.size(), window.toSeconds(), failures.get());
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " probes failed against the simulator directly: no ceiling");
            }
            return inWindow.get() / (window.toNanos() / 1e9);
        } finally {
            pool.shutdownNow();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One probe's generations, as the inference service sends them: the thinking, then every level's answer at once;
     * false if any failed.
     */
    private static boolean probe(ManagedChannel channel, String model, BenchmarkSample sample, List<Integer> levels, String id) {
        String thinkingPrompt = thinkingPrompt(sample);
        ByteString image = ByteString.copyFrom(Base64.getEncoder().encode(sample.png()));
        int longest = levels.get(levels.size() - 1);
        StringBuilder thinking = new StringBuilder();
        if (longest > 0 && !call(channel, request(model, id + "|thinking", thinkingPrompt, image, longest, THINK_END, true), thinking).join()) {
            return false;
        }
        String[] words = thinking.toString().split("\\s+");
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int level : levels) {
            // the thinking cut to about `level` tokens (the simulator counts whitespace-separated words as tokens)
            String kept = String.join(" ", java.util.Arrays.copyOf(words, Math.min(level, words.length)));
            String prompt = thinkingPrompt + kept + "\n" + THINK_END + "\n\nFinal answer: ";
            answers.add(call(channel, request(model, id + "|" + level, prompt, image, ANSWER_MAX_TOKENS, null, false), new StringBuilder()));
        }
        return answers.stream().allMatch(CompletableFuture::join);
    }

    /** The prompt of a thinking generation, in Qwen2.5-VL's chat template, as inference's default prompt template renders it. */
    static String thinkingPrompt(BenchmarkSample sample) {
        StringBuilder prompt = new StringBuilder("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n")
                .append("<|vision_start|><|image_pad|><|vision_end|>").append(sample.question());
        for (int i = 0; i < sample.choices().size(); i++) {
            prompt.append("\n(").append((char) ('A' + i)).append(") ").append(sample.choices().get(i));
        }
        return prompt.append("<|im_end|>\n<|im_start|>assistant\n<think>\n").toString();
    }

    /** One ModelStreamInfer call, its text appended to {@code text}; completes false if it failed. */
    static CompletableFuture<Boolean> call(ManagedChannel channel, ModelInferRequest request, StringBuilder text) {
        CompletableFuture<Boolean> ended = new CompletableFuture<>();
        StreamObserver<ModelInferRequest> stream = GRPCInferenceServiceGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .modelStreamInfer(new StreamObserver<>() {
                    private boolean failed;

                    @Override
                    public void onNext(ModelStreamInferResponse response) {
                        if (!response.getErrorMessage().isEmpty()) {
                            failed = true;
                            return;
                        }
                        InferResponseDecoder.Decoded decoded = InferResponseDecoder.decode(response.getInferResponse());
                        text.append(decoded.text());
                        if (decoded.last()) {
                            ended.complete(true);
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        ended.complete(false);
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(!failed);
                    }
                });
        stream.onNext(request);
        stream.onCompleted();
        return ended;
    }

    private static ModelInferRequest request(String model, String id, String prompt, ByteString base64Image, int maxTokens,
                                             String stop, boolean stream) {
        String sampling = "{\"max_tokens\": " + maxTokens + ", \"temperature\": 0, \"stop\": ["
                + (stop == null ? "" : "\"" + stop + "\"") + "]}";
        return ModelInferRequest.newBuilder()
                .setModelName(model)
                .setId(id)
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(SimulatorCeiling.bytes("text_input", ByteString.copyFromUtf8(prompt)))
                .addInputs(SimulatorCeiling.bytes("image", base64Image))
                .addInputs(SimulatorCeiling.bytes("sampling_parameters", ByteString.copyFrom(sampling, StandardCharsets.UTF_8)))
                .addInputs(SimulatorCeiling.bool("stream", stream))
                .addInputs(SimulatorCeiling.bool("exclude_input_in_output", true))
                .build();
    }
}
