package io.rhwatch.triton;

import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelStreamInferResponse;
import inference.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import io.grpc.Status;
import io.rhwatch.triton.Generation.Chunk;
import io.rhwatch.triton.InferResponseDecoder.Decoded;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One attempt at one generation over ModelStreamInfer (the vLLM backend is decoupled and answers on no other RPC): the
 * request goes out on a stream of its own, the responses are collected up to the one flagged triton_final_response.
 * <p>
 * The request side stays open until then, and is how the call is ended: completed (half-closed) once the final
 * response is in, failed, which cancels the call on Triton, when the stream reported an error or when the caller
 * {@code abandoned} the generation. Quarkus's stub does not cancel the call when its response stream is merely
 * cancelled, so without this an abandoned generation would keep the GPU busy until its deadline.
 */
final class GenerationStream {

    private final TritonClient triton;
    private final String model;
    private final boolean countsTokens;
    private final long startedAt = System.nanoTime();
    private final List<Chunk> chunks = new ArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private String finishReason = "";

    private GenerationStream(TritonClient triton, String model, boolean countsTokens) {
        this.triton = triton;
        this.model = model;
        this.countsTokens = countsTokens;
    }

    /**
     * The generation, once the final response is in. Fails with {@link UnknownModelException} or
     * {@link TritonCallException} for errors Triton reports in the stream, with the call's gRPC status otherwise.
     */
    static Uni<Generation> run(TritonClient triton, MutinyGRPCInferenceServiceStub stub, ModelInferRequest request,
                               boolean countsTokens, CompletionStage<Void> abandoned) {
        GenerationStream stream = new GenerationStream(triton, request.getModelName(), countsTokens);
        abandoned.whenComplete((ignored, failure) -> stream.end(Status.CANCELLED.withDescription("generation no longer needed")));
        Multi<ModelInferRequest> requests = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(request),
                // no more requests: completes (or fails) with the stream's end
                Multi.createFrom().completionStage(stream.ended.thenApply(done -> (ModelInferRequest) null)));
        return stub.modelStreamInfer(requests)
                .map(stream::add)
                .filter(Boolean::booleanValue)
                .toUni()
                .onItem().ifNull().failWith(() -> new TritonCallException(triton.subject(stream.model)
                        + " ended the stream without a response flagged triton_final_response", null))
                .map(last -> stream.generation());
    }

    /** Takes one response; true for the final one, after which the request side is closed. */
    private boolean add(ModelStreamInferResponse response) {
        if (!response.getErrorMessage().isEmpty()) {
            end(Status.CANCELLED.withDescription("Triton reported an error"));
            throw errorOf(response.getErrorMessage());
        }
        Decoded decoded;
        try {
            decoded = InferResponseDecoder.decode(response.getInferResponse());
        } catch (IllegalArgumentException e) {
            end(Status.CANCELLED.withDescription("unreadable response"));
            throw new TritonCallException(triton.subject(model) + " sent an unreadable response: " + e.getMessage(), e);
        }
        long elapsed = System.nanoTime() - startedAt;
        // a model that does not report token counts streams one token per response
        int tokens = countsTokens ? decoded.tokens() : decoded.text().isEmpty() ? 0 : 1;
        if (!decoded.text().isEmpty() || tokens > 0) {
            chunks.add(new Chunk(decoded.text(), tokens, elapsed));
        }
        if (!decoded.finishReason().isEmpty()) {
            finishReason = decoded.finishReason();
        }
        if (decoded.last()) {
            ended.complete(null);
        }
        return decoded.last();
    }

    private Generation generation() {
        return new Generation(chunks, finishReason, System.nanoTime() - startedAt);
    }

    /** Fails the request side, which cancels the call; no-op once the request side was closed. */
    private void end(Status status) {
        ended.completeExceptionally(status.asRuntimeException());
    }

    private RuntimeException errorOf(String errorMessage) {
        // Triton: "Request for unknown model: 'x' is not found" (or "... has no available versions")
        if (errorMessage.toLowerCase(Locale.ROOT).contains("unknown model")) {
            return new UnknownModelException(triton.notServed(model, errorMessage));
        }
        return new TritonCallException(triton.subject(model) + " answered with an error: " + errorMessage, null);
    }
}
