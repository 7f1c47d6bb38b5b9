package io.rhwatch.ingestion;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every HTTP request of ingestion's tests starts here, so what every request must carry (credentials, say) is added
 * in one place: {@link #COMMON_HEADERS}.
 */
public final class IngestionRequests {

    /** Headers every request carries: the test profile's token, without which writes are refused with 401. */
    private static final Map<String, String> COMMON_HEADERS = Map.of(TestCredentials.HEADER, TestCredentials.BEARER);

    /** The import root of the test profile (application.properties, %test): tests put their datasets under it. */
    public static final Path IMPORT_ROOT = Path.of("target", "import-root").toAbsolutePath();

    private IngestionRequests() {
    }

    public static RequestSpecification request() {
        return RestAssured.given().headers(COMMON_HEADERS);
    }

    public static Response postSample(Object body) {
        return request().contentType(ContentType.JSON).body(body).when().post("/v1/samples");
    }

    public static Response postTraffic(Object body) {
        return request().contentType(ContentType.JSON).body(body).when().post("/v1/traffic");
    }

    public static Response postImport(Object body) {
        return request().contentType(ContentType.JSON).body(body).when().post("/v1/imports");
    }

    /** A fresh directory under the import root, for one test's dataset and images. */
    public static Path datasetDirectory(String name) {
        try {
            return Files.createTempDirectory(Files.createDirectories(IMPORT_ROOT), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer read off the wire: status, headers (lower-case names) and body. */
    public record RawResponse(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * A request written byte for byte, for what HTTP clients will not send: no Content-Type, a Content-Length that
     * promises more than follows, a chunked body. {@code headers} may hold Content-Type; Content-Length is the body's
     * unless {@code headers} give one, and {@code chunked} sends the body as one chunk of Transfer-Encoding: chunked.
     */
    public static RawResponse raw(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
        Map<String, String> all = new LinkedHashMap<>(COMMON_HEADERS);
        all.put("Host", "localhost");
        all.put("Connection", "close");
        all.putAll(headers);
        if (chunked) {
            all.put("Transfer-Encoding", "chunked");
        } else if (body != null && all.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Length"))) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (chunked) {
                    out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed before reading the whole body (413): its answer is still there
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    private static RawResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
