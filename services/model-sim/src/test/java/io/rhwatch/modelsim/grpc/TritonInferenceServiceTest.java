package io.rhwatch.modelsim.grpc;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelStreamInferResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.modelsim.language.Tokenizer;
import io.rhwatch.modelsim.testing.MeshJudge;
import io.rhwatch.modelsim.testing.Prompts;
import io.rhwatch.proto.v1.Verdict;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** The simulator's gRPC server, called over the network with the generated stubs, the way the inference service calls Triton. */
@QuarkusTest
class TritonInferenceServiceTest {

    private static final String MODEL = "rh-sim-steady";
    private static final String JUDGE = "rh-sim-judge";
    private static final BenchmarkSample SAMPLE = BenchmarkGenerator.generate(2, 7).get(1);
    private static final String FULL_SAMPLING = "{\"max_tokens\": 600, \"temperature\": 0, \"stop\": [\"</think>\"], \"seed\": 7}";

    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async;

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        blocking = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        async = GRPCInferenceServiceGrpc.newStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void serverIsLiveAndReadyAndServesTheConfiguredModels() {
        assertThat(blocking.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(blocking.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(blocking.modelReady(ModelReadyRequest.newBuilder().setName(MODEL).build()).getReady()).isTrue();
        assertThat(blocking.modelReady(ModelReadyRequest.newBuilder().setName("rh-sim-drifty").build()).getReady()).isTrue();
        assertThat(blocking.modelReady(ModelReadyRequest.newBuilder().setName("no-such-model").build()).getReady()).isFalse();
    }

    @Test
    void metadataDescribesTheVllmBackendContract() {
        ModelMetadataResponse metadata = blocking.modelMetadata(ModelMetadataRequest.newBuilder().setName(MODEL).build());
        assertThat(metadata.getPlatform()).isEqualTo("vllm");
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getInputsList()).extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("text_input BYTES [1]", "image BYTES [-1]", "stream BOOL [1]", "sampling_parameters BYTES [1]",
                        "exclude_input_in_output BOOL [1]", "return_num_output_tokens BOOL [1]", "return_finish_reason BOOL [1]");
        assertThat(metadata.getOutputsList()).extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("text_output BYTES [-1]", "num_output_tokens UINT32 [-1]", "finish_reason BYTES [-1]");

        assertThatThrownBy(() -> blocking.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Request for unknown model: 'nope' is not found");
                });
    }

    @Test
    void unaryInferIsRefusedAsForAnyDecoupledModel() {
        assertThatThrownBy(() -> blocking.modelInfer(request("r0", Prompts.thinking(SAMPLE), true, FULL_SAMPLING)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.getStatus().getDescription()).contains("decoupled");
                });
    }

    @Test
    void streamsExactlyTheBudgetOfThinkingTokensThenTheFinalFlag() throws InterruptedException {
        Stream stream = new Stream();
        stream.send(request("think-1", Prompts.thinking(SAMPLE), true, FULL_SAMPLING));
        List<ModelStreamInferResponse> responses = stream.untilFinal();
        stream.close();

        assertThat(responses).hasSize(601);
        StringBuilder thinking = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            ModelInferResponse r = responses.get(i).getInferResponse();
            assertThat(responses.get(i).getErrorMessage()).isEmpty();
            assertThat(r.getId()).isEqualTo("think-1");
            assertThat(r.getModelName()).isEqualTo(MODEL);
            assertThat(uint32(r, "num_output_tokens")).isEqualTo(1);
            assertThat(bytes(r, "finish_reason")).isEqualTo(i == 599 ? "length" : "None");
            assertThat(r.getParametersMap().get("triton_final_response").getBoolParam()).isFalse();
            thinking.append(bytes(r, "text_output"));
        }
        assertThat(Tokenizer.count(thinking.toString())).isEqualTo(600);
        assertThat(thinking.toString()).doesNotContain("</think>").contains("I can see");

        ModelInferResponse last = responses.get(600).getInferResponse();
        assertThat(last.getId()).isEqualTo("think-1");
        assertThat(last.getOutputsList()).isEmpty();
        assertThat(last.getParametersMap().get("triton_final_response").getBoolParam()).isTrue();
    }

    @Test
    void answersAfterBudgetForcingInOneNonStreamedResponse() throws InterruptedException {
        Stream stream = new Stream();
        stream.send(request("think-2", Prompts.thinking(SAMPLE), true, FULL_SAMPLING));
        List<String> thinkingTokens = new ArrayList<>();
        for (ModelStreamInferResponse r : stream.untilFinal()) {
            if (r.getInferResponse().getOutputsCount() > 0) {
                thinkingTokens.add(bytes(r.getInferResponse(), "text_output"));
            }
        }
        String answerPrompt = Prompts.answer(Prompts.thinking(SAMPLE), thinkingTokens.subList(0, 100));
        stream.send(request("answer-100", answerPrompt, false, "{\"max_tokens\": 64, \"temperature\": 0}"));
        List<ModelStreamInferResponse> answer = stream.untilFinal();
        stream.send(request("answer-100-again", answerPrompt, false, "{\"max_tokens\": \"64\"}"));
        List<ModelStreamInferResponse> again = stream.untilFinal();
        stream.close();

        assertThat(answer).hasSize(2);
        ModelInferResponse r = answer.get(0).getInferResponse();
        assertThat(r.getId()).isEqualTo("answer-100");
        String text = bytes(r, "text_output");
        assertThat(MeshJudge.judge(SAMPLE, text).verdict() != Verdict.VERDICT_UNPARSEABLE || text.equals("I cannot tell from the image.")).as(text).isTrue();
        assertThat(uint32(r, "num_output_tokens")).isEqualTo(Tokenizer.count(text));
        assertThat(bytes(r, "finish_reason")).isEqualTo("stop");
        assertThat(bytes(again.get(0).getInferResponse(), "text_output")).as("deterministic").isEqualTo(text);
    }

    @Test
    void aBadRequestGetsAnErrorNamingTheCauseAndTheStreamGoesOn() throws InterruptedException {
        Stream stream = new Stream();
        stream.send(request("unknown", Prompts.thinking(SAMPLE), true, FULL_SAMPLING).toBuilder().setModelName("x").build());
        ModelStreamInferResponse unknown = stream.next();
        assertThat(unknown.getErrorMessage()).isEqualTo("Request for unknown model: 'x' is not found");
        assertThat(unknown.getInferResponse().getId()).isEqualTo("unknown");

        ModelInferRequest.Builder garbage = request("garbage", Prompts.thinking(SAMPLE), true, FULL_SAMPLING).toBuilder();
        garbage.setInputs(1, garbage.getInputs(1).toBuilder().setContents(InferTensorContents.newBuilder()
                .addBytesContents(ByteString.copyFromUtf8(Base64.getEncoder().encodeToString("not a png".getBytes())))));
        stream.send(garbage.build());
        ModelStreamInferResponse undecodable = stream.next();
        assertThat(undecodable.getErrorMessage()).startsWith("input 'image' could not be read");
        assertThat(undecodable.getInferResponse().getId()).isEqualTo("garbage");

        stream.send(request("bad-json", Prompts.thinking(SAMPLE), true, "{max_tokens: 5"));
        assertThat(stream.next().getErrorMessage()).startsWith("input 'sampling_parameters' is not valid JSON");
        stream.send(request("too-long", Prompts.thinking(SAMPLE), true, "{\"max_tokens\": 100000}"));
        assertThat(stream.next().getErrorMessage()).isEqualTo("sampling_parameters.max_tokens must be between 1 and 32768, got 100000");

        stream.send(request("fine", Prompts.thinking(SAMPLE), true, "{\"max_tokens\": 5}"));
        List<ModelStreamInferResponse> fine = stream.untilFinal();
        stream.close();
        assertThat(fine).hasSize(6).allSatisfy(r -> assertThat(r.getInferResponse().getId()).isEqualTo("fine"));
    }

    @Test
    void acceptsInputsAsTritonRawContents() throws InterruptedException {
        String sampling = "{\"max_tokens\": 40, \"seed\": 3}";
        ModelInferRequest typed = request("typed", Prompts.thinking(SAMPLE), false, sampling);
        ModelInferRequest.Builder raw = typed.toBuilder().setId("raw");
        for (int i = 0; i < raw.getInputsCount(); i++) {
            InferInputTensor input = raw.getInputs(i);
            raw.addRawInputContents(input.getDatatype().equals("BOOL")
                    ? ByteString.copyFrom(new byte[] {(byte) (input.getContents().getBoolContents(0) ? 1 : 0)})
                    : lengthPrefixed(input.getContents().getBytesContents(0)));
            raw.setInputs(i, input.toBuilder().clearContents());
        }
        Stream stream = new Stream();
        stream.send(typed);
        String fromTyped = bytes(stream.untilFinal().get(0).getInferResponse(), "text_output");
        stream.send(raw.build());
        String fromRaw = bytes(stream.untilFinal().get(0).getInferResponse(), "text_output");
        stream.close();
        assertThat(Tokenizer.count(fromTyped)).isEqualTo(40);
        assertThat(fromRaw).isEqualTo(fromTyped);
    }

    @Test
    void servesTheJudgeModelOnTextAlone() throws InterruptedException {
        assertThat(blocking.modelReady(ModelReadyRequest.newBuilder().setName(JUDGE).build()).getReady()).isTrue();
        ModelMetadataResponse metadata = blocking.modelMetadata(ModelMetadataRequest.newBuilder().setName(JUDGE).build());
        assertThat(metadata.getPlatform()).isEqualTo("vllm");
        assertThat(metadata.getInputsList()).extracting(t -> t.getName()).contains("text_input", "sampling_parameters");

        String prompt = "<|im_start|>user\nRate the response.\n\n### Question\nWhat is on the plate?\n\n"
                + "### Standard Human-Generated Answer\nTwo green apples.\n\n### LMM Response to Evaluate\n"
                + "There are two green apples and a banana.<|im_end|>\n<|im_start|>assistant\n";
        ModelInferRequest judge = ModelInferRequest.newBuilder()
                .setModelName(JUDGE)
                .setId("judge-1")
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(bytesInput("text_input", prompt.getBytes(StandardCharsets.UTF_8)))
                .addInputs(bytesInput("sampling_parameters", "{\"max_tokens\": 256, \"temperature\": 0}".getBytes(StandardCharsets.UTF_8)))
                .addInputs(boolInput("stream", false))
                .addInputs(boolInput("exclude_input_in_output", true))
                .build();
        Stream stream = new Stream();
        stream.send(judge);
        List<ModelStreamInferResponse> responses = stream.untilFinal();
        stream.send(judge.toBuilder().setId("not-a-judge-prompt").setInputs(0, bytesInput("text_input",
                "<|im_start|>user\nHow many apples?<|im_end|>".getBytes(StandardCharsets.UTF_8))).build());
        ModelStreamInferResponse refused = stream.next();
        stream.close();

        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).getErrorMessage()).isEmpty();
        assertThat(bytes(responses.get(0).getInferResponse(), "text_output")).isEqualTo("Reason: The response names 'banana', "
                + "which the standard answer does not support; it agrees on '2', 'green', 'apple'.\nRating: 2");
        assertThat(refused.getErrorMessage()).startsWith("judge prompt: no line '### Question'");
    }

    @Test
    void healthAndMetricsAreServedOverHttp() throws InterruptedException {
        Stream stream = new Stream();
        stream.send(request("counted", Prompts.thinking(SAMPLE), true, "{\"max_tokens\": 3}"));
        stream.untilFinal();
        stream.close();
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rhwatch_sim_generated_tokens_total{model=\"rh-sim-steady\"}"));
    }

    /** A request as the inference service sends it: typed contents, flags set, final empty response requested. */
    private static ModelInferRequest request(String id, String prompt, boolean stream, String sampling) {
        return ModelInferRequest.newBuilder()
                .setModelName(MODEL)
                .setId(id)
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(bytesInput("text_input", prompt.getBytes(StandardCharsets.UTF_8)))
                .addInputs(bytesInput("image", Base64.getEncoder().encode(SAMPLE.png())))
                .addInputs(bytesInput("sampling_parameters", sampling.getBytes(StandardCharsets.UTF_8)))
                .addInputs(boolInput("stream", stream))
                .addInputs(boolInput("exclude_input_in_output", true))
                .addInputs(boolInput("return_num_output_tokens", true))
                .addInputs(boolInput("return_finish_reason", true))
                .build();
    }

    private static InferInputTensor bytesInput(String name, byte[] value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFrom(value))).build();
    }

    private static InferInputTensor boolInput(String name, boolean value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value)).build();
    }

    private static ByteString lengthPrefixed(ByteString element) {
        return ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(element.size()).array()).concat(element);
    }

    private static String bytes(ModelInferResponse response, String output) {
        ByteBuffer raw = raw(response, output);
        byte[] value = new byte[raw.getInt()];
        raw.get(value);
        return new String(value, StandardCharsets.UTF_8);
    }

    private static int uint32(ModelInferResponse response, String output) {
        return raw(response, output).getInt();
    }

    private static ByteBuffer raw(ModelInferResponse response, String output) {
        for (int i = 0; i < response.getOutputsCount(); i++) {
            if (response.getOutputs(i).getName().equals(output)) {
                return response.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw new AssertionError("response has no output " + output + ": " + response.getOutputsList());
    }

    /** One ModelStreamInfer call, read with timeouts. */
    private class Stream {
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final StreamObserver<ModelInferRequest> requests = async.modelStreamInfer(new StreamObserver<>() {
            @Override
            public void onNext(ModelStreamInferResponse response) {
                received.add(response);
            }

            @Override
            public void onError(Throwable error) {
                received.add(error);
            }

            @Override
            public void onCompleted() {
            }
        });

        void send(ModelInferRequest request) {
            requests.onNext(request);
        }

        ModelStreamInferResponse next() throws InterruptedException {
            Object next = received.poll(60, TimeUnit.SECONDS);
            if (next instanceof Throwable error) {
                throw new AssertionError("the stream failed", error);
            }
            assertThat(next).as("a response within 60 s").isNotNull();
            return (ModelStreamInferResponse) next;
        }

        /** The responses of one request, up to and including the one flagged final. */
        List<ModelStreamInferResponse> untilFinal() throws InterruptedException {
            List<ModelStreamInferResponse> responses = new ArrayList<>();
            while (true) {
                ModelStreamInferResponse response = next();
                responses.add(response);
                InferParameter flag = response.getInferResponse().getParametersMap().get("triton_final_response");
                if (flag != null && flag.getBoolParam()) {
                    return responses;
                }
            }
        }

        void close() {
            requests.onCompleted();
        }
    }
}
