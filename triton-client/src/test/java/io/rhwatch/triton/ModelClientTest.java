package io.rhwatch.triton;

import inference.MutinyGRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The generations of one model against a real gRPC server: in-flight limit, cancellation, retries, circuit breaker. */
class ModelClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ScriptedTriton server;
    private ManagedChannel channel;
    private TritonClient triton;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedTriton();
        channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        triton = new TritonClient(MutinyGRPCInferenceServiceGrpc.newMutinyStub(channel), "localhost:" + server.port(),
                new CallSettings("test", "test", model -> "model '" + model + "'", Duration.ofSeconds(5), 2,
                        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ZERO),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    @Test
    void answersAndClosesTheRequestSideAfterTheFinalResponse() {
        Generation generation = generate(triton.model("fake", ModelLimits.NONE), "r1").await().atMost(WAIT);

        assertThat(generation.text()).isEqualTo("B");
        await().atMost(WAIT).until(() -> server.halfClosed.contains("r1"));
        assertThat(server.cancelled).isEmpty();
    }

    @Test
    void keepsAtMostTheLimitInFlightAndTheRestWaitWithoutAThread() {
        ModelClient model = triton.model("held-vl", limited(2, Optional.empty()));
        List<UniAssertSubscriber<Generation>> generations = IntStream.range(0, 5)
                .mapToObj(i -> generate(model, "r" + i).subscribe().withSubscriber(UniAssertSubscriber.create()))
                .toList();

        await().atMost(WAIT).until(() -> server.heldCount() == 2);
        assertThat(model.inFlight()).isEqualTo(2);
        assertThat(model.waiting()).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            String next = "r" + i;
            await().atMost(WAIT).until(() -> server.received.contains(next));
            assertThat(server.heldCount()).isLessThanOrEqualTo(2);
            server.release(next);
        }
        generations.forEach(generation -> assertThat(generation.awaitItem(WAIT).getItem().text()).isEqualTo("B"));
        assertThat(model.inFlight()).isZero();
        assertThat(model.waiting()).isZero();
    }

    @Test
    void aCancelledGenerationEndsItsCallOnTritonAndPassesItsSlotOn() {
        ModelClient model = triton.model("held-vl", limited(1, Optional.empty()));
        UniAssertSubscriber<Generation> first = generate(model, "first").subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Generation> waiting = generate(model, "waiting").subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Generation> second = generate(model, "second").subscribe().withSubscriber(UniAssertSubscriber.create());
        await().atMost(WAIT).until(() -> server.received.contains("first"));

        waiting.cancel();
        first.cancel();

        await().atMost(WAIT).until(() -> server.cancelled.contains("first"));
        await().atMost(WAIT).until(() -> server.received.contains("second"));
        assertThat(server.received).as("a generation cancelled while it waited is never sent").doesNotContain("waiting");
        server.release("second");
        assertThat(second.awaitItem(WAIT).getItem().text()).isEqualTo("B");
        assertThat(model.inFlight()).isZero();
    }

    @Test
    void retriesUnavailableWithBackoff() {
        Generation generation = generate(triton.model("flaky-vl", ModelLimits.NONE), "r1").await().atMost(WAIT);

        assertThat(generation.text()).isEqualTo("B");
        assertThat(server.received).containsExactly("r1", "r1");
    }

    @Test
    void givesUpAfterTheRetriesNamingTheModelAndTheStatus() {
        assertThatThrownBy(() -> generate(triton.model("down-vl", ModelLimits.NONE), "r1").await().atMost(WAIT))
                .isInstanceOf(TritonCallException.class)
                .hasMessage("model 'down-vl' still failing after 2 retries: UNAVAILABLE: instance restarting");
        assertThat(server.received).hasSize(3);
    }

    @Test
    void doesNotRetryAGenerationThatOutranItsDeadline() {
        assertThatThrownBy(() -> generate(triton.model("late-vl", ModelLimits.NONE), "r1").await().atMost(WAIT))
                .isInstanceOf(TritonCallException.class)
                .hasMessageStartingWith("model 'late-vl' did not answer within the call deadline of PT5S (test.call-deadline)");
        assertThat(server.received).containsExactly("r1");
    }

    @Test
    void anErrorInTheStreamIsNotRetriedAndEndsTheCall() {
        assertThatThrownBy(() -> generate(triton.model("erring-vl", ModelLimits.NONE), "r1").await().atMost(WAIT))
                .isInstanceOf(TritonCallException.class)
                .hasMessage("model 'erring-vl' answered with an error: bad input 'image'");
        await().atMost(WAIT).until(() -> server.cancelled.contains("r1"));
        assertThat(server.received).containsExactly("r1");
    }

    @Test
    void theCircuitBreakerOpensOnTransientFailuresAndRefusesCallsWithoutSendingThem() {
        ModelClient model = triton.model("down-vl", limited(4, Optional.of(new ModelLimits.Breaker("test", 2, 1.0, Duration.ofMinutes(1)))));

        assertThatThrownBy(() -> generate(model, "r1").await().atMost(WAIT))
                .isInstanceOfSatisfying(TritonCallException.class, failure -> assertThat(failure.circuitOpen()).isTrue())
                .hasMessageStartingWith("model 'down-vl': circuit breaker open");
        assertThat(server.received).as("the second failure opened it; the last retry was refused").hasSize(2);
        assertThat(model.circuitOpen()).isTrue();
        assertThatThrownBy(() -> generate(model, "r2").await().atMost(WAIT))
                .isInstanceOfSatisfying(TritonCallException.class, failure -> assertThat(failure.circuitOpen()).isTrue());
        assertThat(server.received).hasSize(2);
    }

    private static ModelLimits limited(int maxInFlight, Optional<ModelLimits.Breaker> breaker) {
        return new ModelLimits(OptionalInt.of(maxInFlight), breaker);
    }

    private static Uni<Generation> generate(ModelClient model, String requestId) {
        return model.generate(Contract.VLLM, Set.of(), GenerationRequest.textOnly(model.name(), requestId, "question", 16));
    }
}
