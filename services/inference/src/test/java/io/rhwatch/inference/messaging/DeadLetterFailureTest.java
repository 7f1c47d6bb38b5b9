package io.rhwatch.inference.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Response;
import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A probe whose dead-letter write fails must not end the stream for the probes after it. */
class DeadLetterFailureTest {

    @Test
    void goesOnWhenADeadLetterCannotBeWritten() {
        ProbeProcessor processor = new ProbeProcessor(null, null, null, config(), new SimpleMeterRegistry(), 600_000);
        List<String> nacked = new CopyOnWriteArrayList<>();
        // records without a value: each is refused and nacked, and each nack (the dead-letter write) fails
        Multi<Message<Probe>> records = Multi.createFrom().items("first", "second").map(name -> Message.<Probe>of(
                null,
                () -> CompletableFuture.completedFuture(null),
                failure -> {
                    nacked.add(name);
                    return CompletableFuture.failedFuture(new IllegalStateException("dead-letter topic unreachable"));
                }));

        List<Message<Response>> responses = processor.respond(records).collect().asList().await().atMost(Duration.ofSeconds(10));

        assertThat(responses).isEmpty();
        assertThat(nacked).containsExactlyInAnyOrder("first", "second");
    }

    /** Only what the processor's constructor reads. */
    private static InferenceConfig config() {
        InferenceConfig.Retry retry = (InferenceConfig.Retry) Proxy.newProxyInstance(loaderOf(InferenceConfig.Retry.class),
                new Class<?>[]{InferenceConfig.Retry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxRetries" -> 0;
                    case "maxBackoff" -> Duration.ZERO;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        InferenceConfig.CircuitBreaker breaker = (InferenceConfig.CircuitBreaker) Proxy.newProxyInstance(
                loaderOf(InferenceConfig.CircuitBreaker.class), new Class<?>[]{InferenceConfig.CircuitBreaker.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "openFor" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (InferenceConfig) Proxy.newProxyInstance(loaderOf(InferenceConfig.class),
                new Class<?>[]{InferenceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxInFlight" -> 2;
                    case "callDeadline" -> Duration.ofSeconds(1);
                    case "retry" -> retry;
                    case "circuitBreaker" -> breaker;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader loaderOf(Class<?> type) {
        return type.getClassLoader();
    }
}
