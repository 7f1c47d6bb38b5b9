package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelInferResponse.InferOutputTensor;
import inference.GrpcService.ModelStreamInferResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Triton on a real gRPC server whose models behave as their names say: {@code held-*} answer only when released,
 * {@code down-*} fail with UNAVAILABLE, {@code flaky-*} fail the first attempt of each request id with UNAVAILABLE,
 * {@code late-*} fail with DEADLINE_EXCEEDED, {@code erring-*} report an error in the stream; any other answers "B".
 */
final class ScriptedTriton extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase implements AutoCloseable {

    /** Request ids in the order their requests arrived, attempts included. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Request ids whose call the client cancelled. */
    final List<String> cancelled = new CopyOnWriteArrayList<>();
    /** Request ids whose request side the client closed (half-close), as after a final response. */
    final List<String> halfClosed = new CopyOnWriteArrayList<>();
    private final Map<String, StreamObserver<ModelStreamInferResponse>> held = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failedOnce = new ConcurrentHashMap<>();
    private final Server server;

    ScriptedTriton() throws IOException {
        server = NettyServerBuilder.forPort(0).addService(this).build().start();
    }

    int port() {
        return server.getPort();
    }

    /** Answers the held request of this id. */
    void release(String requestId) {
        StreamObserver<ModelStreamInferResponse> responses = held.remove(requestId);
        responses.onNext(answer(requestId, "B"));
        responses.onNext(finalResponse(requestId));
    }

    int heldCount() {
        return held.size();
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
        return new StreamObserver<>() {
            private String id = "";

            @Override
            public void onNext(ModelInferRequest request) {
                id = request.getId();
                received.add(id);
                String model = request.getModelName();
                if (model.startsWith("held-")) {
                    held.put(id, responses);
                } else if (model.startsWith("down-") || model.startsWith("flaky-") && failedOnce.putIfAbsent(id, true) == null) {
                    responses.onError(Status.UNAVAILABLE.withDescription("instance restarting").asRuntimeException());
                } else if (model.startsWith("late-")) {
                    responses.onError(Status.DEADLINE_EXCEEDED.withDescription("generation outran its deadline").asRuntimeException());
                } else if (model.startsWith("erring-")) {
                    responses.onNext(ModelStreamInferResponse.newBuilder().setErrorMessage("bad input 'image'").build());
                } else {
                    responses.onNext(answer(id, "B"));
                    responses.onNext(finalResponse(id));
                }
            }

            @Override
            public void onError(Throwable failure) {
                cancelled.add(id);
                held.remove(id);
            }

            @Override
            public void onCompleted() {
                halfClosed.add(id);
                responses.onCompleted();
            }
        };
    }

    private static ModelStreamInferResponse answer(String id, String text) {
        return ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse.newBuilder().setId(id)
                .addOutputs(InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES").addShape(1)
                        .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text)))))
                .build();
    }

    private static ModelStreamInferResponse finalResponse(String id) {
        return ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse.newBuilder().setId(id)
                .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(true).build())).build();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
