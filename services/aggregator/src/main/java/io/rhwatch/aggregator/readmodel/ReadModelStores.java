package io.rhwatch.aggregator.readmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.RegressionAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The read model's state: global stores over the published views, so every aggregator instance
 * holds every model whichever partitions it counts. "model-curves" follows the compacted rh.curves
 * (the latest curve per model), "model-examples" the compacted rh.examples (each model's newest
 * judgments in {@link #EXAMPLES_PER_MODEL} slots), "model-outcomes" the compacted rh.outcomes (each
 * model's per-sample outcome table, published with its curve, for comparisons). The stores live in memory and are rebuilt from
 * the topics on every start, through the same updaters as live records, so the RH-AUC history and
 * the {@link ModelChanged} events see the replay too. The global consumer reads committed records
 * only (exactly-once), so the read model never shows a count whose transaction was aborted.
 */
@ApplicationScoped
public class ReadModelStores {

    public static final String CURVES_STORE = "model-curves";
    public static final String EXAMPLES_STORE = "model-examples";
    /** Every model's windows as published on rh.windows, by {@code WindowKey}. */
    public static final String WINDOWS_STORE = "published-windows";
    /** Every model's latest regression alert from rh.alerts (raised or cleared), by model. */
    public static final String REGRESSIONS_STORE = "model-regressions";
    /** Every model's per-sample outcome table as published on rh.outcomes, by model. */
    public static final String OUTCOMES_STORE = "model-outcomes";
    /** How many of its newest judgments are kept per model for GET /v1/models/{model}/examples. */
    public static final int EXAMPLES_PER_MODEL = 50;

    private static final Logger LOG = Logger.getLogger(ReadModelStores.class);
    private static final ProtobufSerde<Curve> CURVE_SERDE = new ProtobufSerde<>(Curve.parser(), Curve.class);
    private static final ProtobufSerde<JudgedExample> EXAMPLE_SERDE = new ProtobufSerde<>(JudgedExample.parser(), JudgedExample.class);
    private static final ProtobufSerde<ModelWindow> WINDOW_SERDE = new ProtobufSerde<>(ModelWindow.parser(), ModelWindow.class);
    private static final ProtobufSerde<RegressionAlert> ALERT_SERDE = new ProtobufSerde<>(RegressionAlert.parser(), RegressionAlert.class);

    private final RhAucHistory history;
    private final Consumer<ModelChanged> changes;

    @Inject
    ReadModelStores(RhAucHistory history, Event<ModelChanged> changes) {
        this(history, changes::fire);
    }

    /** @param changes told of every curve stored, on Kafka Streams' global thread */
    public ReadModelStores(RhAucHistory history, Consumer<ModelChanged> changes) {
        this.history = history;
        this.changes = changes;
    }

    /** The slot of a model's example number {@code sequence}: {@code model NUL slot}, zero-padded so a model's slots form one key range. */
    public static String exampleSlot(String model, long sequence) {
        return String.format("%s\u0000%02d", model, sequence % EXAMPLES_PER_MODEL);
    }

    static String firstExampleSlot(String model) {
        return model + "\u0000";
    }

    static String pastLastExampleSlot(String model) {
        return model + "\u0000\u007f";
    }

    /** Adds the read model's global stores, fed from the topics the topology publishes to. */
    public void addTo(StreamsBuilder builder, String curvesTopic, String examplesTopic) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CURVES_STORE), Serdes.String(), CURVE_SERDE)
                        .withLoggingDisabled(),
                curvesTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), CurveUpdater::new);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EXAMPLES_STORE), Serdes.String(), EXAMPLE_SERDE)
                        .withLoggingDisabled(),
                examplesTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), ExampleUpdater::new);
    }

    /** Adds the global store of each model's per-sample outcomes, kept as published (an {@link io.rhwatch.core.scoring.OutcomeTable}'s bytes). */
    public void addOutcomesTo(StreamsBuilder builder, String outcomesTopic) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OUTCOMES_STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                outcomesTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), OutcomesUpdater::new);
    }

    private static final class OutcomesUpdater implements Processor<String, byte[], Void, Void> {

        private KeyValueStore<String, byte[]> outcomes;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.outcomes = context.getStateStore(OUTCOMES_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                outcomes.delete(record.key());
            } else {
                outcomes.put(record.key(), record.value());
            }
        }
    }

    /** Adds the global stores of every model's windows and regression state, fed from rh.windows and rh.alerts. */
    public void addWindowsTo(StreamsBuilder builder, String windowsTopic, String alertsTopic) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WINDOWS_STORE), Serdes.String(), WINDOW_SERDE)
                        .withLoggingDisabled(),
                windowsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), WindowUpdater::new);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REGRESSIONS_STORE), Serdes.String(), ALERT_SERDE)
                        .withLoggingDisabled(),
                alertsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), AlertUpdater::new);
    }

    private final class WindowUpdater implements Processor<String, byte[], Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, ModelWindow> windows;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.windows = context.getStateStore(WINDOWS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            ModelWindow window = parse(context, record, ModelWindow.parser());
            if (window != null && record.key() != null) {
                windows.put(record.key(), window);
            }
        }
    }

    private final class AlertUpdater implements Processor<String, byte[], Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, RegressionAlert> alerts;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.alerts = context.getStateStore(REGRESSIONS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            RegressionAlert alert = parse(context, record, RegressionAlert.parser());
            if (alert == null || alert.getModel().isEmpty()) {
                return;
            }
            alerts.put(alert.getModel(), alert);
            tell(alert.getModel());
        }
    }

    private void tell(String model) {
        try {
            changes.accept(new ModelChanged(model));
        } catch (RuntimeException e) {
            // An observer's failure must not stop the global thread, which would stop the whole instance.
            LOG.warnf(e, "a listener of the read model failed on %s: %s", model, e.getMessage());
        }
    }

    private final class CurveUpdater implements Processor<String, byte[], Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, Curve> curves;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.curves = context.getStateStore(CURVES_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Curve curve = parse(context, record, Curve.parser());
            if (curve == null || curve.getModel().isEmpty()) {
                return;
            }
            String model = curve.getModel();
            curves.put(model, curve);
            history.record(model, curve.getUpdatedAtMs() > 0 ? curve.getUpdatedAtMs() : record.timestamp(),
                    curve.hasRhAuc() ? curve.getRhAuc() : null);
            tell(model);
        }
    }

    private final class ExampleUpdater implements Processor<String, byte[], Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, JudgedExample> examples;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.examples = context.getStateStore(EXAMPLES_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            JudgedExample example = parse(context, record, JudgedExample.parser());
            if (example != null && record.key() != null) {
                examples.put(record.key(), example);
            }
        }
    }

    /** The record's value, or null (logged) when it is not one: a bad record is skipped, never fatal to the global thread. */
    private static <T extends Message> T parse(ProcessorContext<Void, Void> context, Record<String, byte[]> record, Parser<T> parser) {
        String where = context.recordMetadata().map(m -> m.topic() + " " + m.partition() + "@" + m.offset()).orElse("a record");
        if (record.value() == null) {
            LOG.warnf("%s has no value; skipped by the read model", where);
            return null;
        }
        try {
            return parser.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("%s is not a valid record for the read model (%s); skipped", where, e.getMessage());
            return null;
        }
    }
}
