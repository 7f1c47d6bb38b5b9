package io.rhwatch.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector in the test JVM: accepts OTLP/HTTP protobuf trace exports from the services and keeps
 * their spans in memory. The export is decoded by field number (the OTLP trace proto: ExportTraceServiceRequest →
 * ResourceSpans → ScopeSpans → Span), which needs no generated classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as exported: ids in hex, the kind as OTLP numbers it (2 server, 3 client, 4 producer, 5 consumer). */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
        static final int SERVER = 2;
        static final int CLIENT = 3;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::export);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Exports that could not be read (each would hide spans); a test expects none. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                spans.addAll(decode(body));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            } catch (InvalidProtocolBufferException e) {
                refused.add(exchange.getRequestURI() + ": " + e.getMessage());
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    static List<Span> decode(byte[] exportRequest) throws InvalidProtocolBufferException {
        List<Span> decoded = new ArrayList<>();
        for (ByteString resourceSpans : fields(UnknownFieldSet.parseFrom(exportRequest), 1)) {
            UnknownFieldSet resourceSpansFields = UnknownFieldSet.parseFrom(resourceSpans);
            String service = serviceName(resourceSpansFields);
            for (ByteString scopeSpans : fields(resourceSpansFields, 2)) {
                for (ByteString span : fields(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    UnknownFieldSet f = UnknownFieldSet.parseFrom(span);
                    decoded.add(new Span(service, hex(f, 1), hex(f, 2), hex(f, 4), text(f, 5),
                            f.hasField(6) && !f.getField(6).getVarintList().isEmpty() ? f.getField(6).getVarintList().get(0).intValue() : 0));
                }
            }
        }
        return decoded;
    }

    /** The resource attribute service.name (Resource.attributes: KeyValue{key = 1, value = AnyValue{string_value = 1}}). */
    private static String serviceName(UnknownFieldSet resourceSpans) throws InvalidProtocolBufferException {
        for (ByteString resource : fields(resourceSpans, 1)) {
            for (ByteString attribute : fields(UnknownFieldSet.parseFrom(resource), 1)) {
                UnknownFieldSet keyValue = UnknownFieldSet.parseFrom(attribute);
                if ("service.name".equals(text(keyValue, 1))) {
                    for (ByteString value : fields(keyValue, 2)) {
                        return text(UnknownFieldSet.parseFrom(value), 1);
                    }
                }
            }
        }
        return "";
    }

    private static List<ByteString> fields(UnknownFieldSet message, int number) {
        return message.hasField(number) ? message.getField(number).getLengthDelimitedList() : List.of();
    }

    private static String text(UnknownFieldSet message, int number) {
        List<ByteString> values = fields(message, number);
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static String hex(UnknownFieldSet message, int number) {
        List<ByteString> values = fields(message, number);
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
