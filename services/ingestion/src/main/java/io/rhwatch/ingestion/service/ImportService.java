package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.Labels;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.ImportRequest;
import io.rhwatch.ingestion.domain.ImportResult;
import io.rhwatch.ingestion.domain.SampleRequest;
import io.rhwatch.ingestion.ledger.Admission;
import io.rhwatch.ingestion.messaging.SamplePublisher;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Imports a dataset file in the RH-Bench layout: a JSON array, or JSONL, of
 * {@code {id, question, image, answer, question_type, task?, choices?}} where {@code image} is a path
 * relative to the dataset file. Each record passes the same {@link SampleValidator} as
 * {@code POST /v1/samples}; a bad record is reported by index and does not stop the others, and a record accepted in
 * its epoch before is reported as a duplicate and not written again. The file and every image it names must lie
 * inside {@code rhwatch.ingestion.import-root}, or nothing is imported; without a root, nothing is ever imported.
 * Errors name paths, never what a file holds.
 */
@ApplicationScoped
public class ImportService {

    private static final String OUTSIDE = " is outside the import root ";
    private static final int SHOWN_PATH_CHARS = 512;
    private static final int SHOWN_ID_CHARS = 128;

    private final SampleValidator validator;
    private final SamplePublisher publisher;
    private final Admission admission;
    private final IngestionConfig config;
    private final ObjectMapper mapper;

    public ImportService(SampleValidator validator, SamplePublisher publisher, Admission admission, IngestionConfig config,
                         ObjectMapper mapper) {
        this.validator = validator;
        this.publisher = publisher;
        this.admission = admission;
        this.config = config;
        this.mapper = mapper;
    }

    /** Returns once the broker acknowledged every accepted record; blocks, so call it from a worker thread. */
    public ImportResult importFile(ImportRequest request) {
        Root root = root();
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new InvalidFieldException("path", "is required: the dataset file (.json or .jsonl) under the import root "
                    + root.configured());
        }
        if (request.task() != null && (request.task().length() > 64 || Labels.task(request.task()).isEmpty())) {
            throw new InvalidFieldException("task", "is not a task; use one of " + Labels.accepted(Task.values()));
        }
        if (request.epoch() != null && request.epoch() < 0) {
            throw new InvalidFieldException("epoch", request.epoch() + " is below 0; the first evaluation is epoch 0, a re-evaluation a higher one");
        }
        if (request.source() != null) {
            TextRules.check("source", request.source(), config.maxSourceChars(), "rhwatch.ingestion.max-source-chars", false);
        }
        Path file = root.resolve("path", request.path(), root.real(), "");
        List<RecordText> records = readRecords(file);
        requireImagesInsideImportRoot(root, file, records);
        String defaultSource = request.source() != null && !TextRules.isBlank(request.source())
                ? request.source().strip() : file.getFileName().toString();

        List<String> ids = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        Writes writes = new Writes();
        for (int index = 0; index < records.size(); index++) {
            RecordText record = records.get(index);
            JsonNode json = null;
            try {
                json = record.json();
                if (!json.isObject()) {
                    throw new InvalidFieldException("record", "expected a JSON object with the sample's fields, got " + json.getNodeType());
                }
                SampleRequest sample = validator.read(json).withDefaults(request.task(), defaultSource, request.epoch());
                if (sample.task() == null || sample.task().isBlank()) {
                    throw new InvalidFieldException("task", "is required: give it per record or as the import's \"task\"");
                }
                Sample valid = validator.validate(sample, readImage(root, file, sample.image(), index, json));
                Admission.Claim claim = admission.claim(valid);
                if (claim.duplicate()) {
                    duplicates.add(valid.getSampleId());
                    continue;
                }
                writes.start(index, valid.getSampleId(), publisher.publish(valid).subscribeAsCompletionStage()
                        .whenComplete((written, failure) -> {
                            if (failure != null) {
                                claim.failed();
                            }
                        })
                        .thenCompose(written -> claim.written())
                        .toCompletableFuture());
                ids.add(valid.getSampleId());
            } catch (InvalidFieldException e) {
                rejected.add(new ImportResult.Rejection(index, idOf(json), e.field(), e.getMessage()));
            } catch (DecodeUnavailableException e) {
                writes.awaitAll();
                throw new ImportStoppedException(e.getMessage() + "; the import stopped at record " + index + " after "
                        + writes.acknowledged.size() + " acknowledged writes", e, writes.acknowledged, index, idOf(json));
            }
        }
        writes.awaitAll();
        return new ImportResult(ids.size(), ids, duplicates, rejected);
    }

    /** The configured import root, which must exist: without one the service reads no file of its disk. */
    private Root root() {
        Path configured = config.importRoot().orElseThrow(() -> new ImportsDisabledException(
                "imports are disabled: this service has no import root (rhwatch.ingestion.import-root, "
                        + "RHWATCH_INGESTION_IMPORT_ROOT); set it to the directory that holds your datasets, or send "
                        + "samples to POST /v1/samples"));
        Path normalised = configured.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(normalised)) {
                throw new ImportsDisabledException("imports are disabled: the import root " + normalised
                        + " (rhwatch.ingestion.import-root) is not a directory");
            }
            return new Root(normalised, normalised.toRealPath(), config.maxPathChars());
        } catch (IOException e) {
            throw new ImportsDisabledException("imports are disabled: the import root " + normalised
                    + " (rhwatch.ingestion.import-root) cannot be resolved: " + e.getClass().getSimpleName());
        }
    }

    /** Checked before anything is written: an import that reaches outside the root is refused whole. */
    private void requireImagesInsideImportRoot(Root root, Path datasetFile, List<RecordText> records) {
        for (int index = 0; index < records.size(); index++) {
            JsonNode json;
            try {
                json = records.get(index).json();
            } catch (InvalidFieldException unparseable) {
                continue; // rejected by index when the records are read
            }
            JsonNode image = json.get("image");
            if (image != null && image.isTextual() && !TextRules.isBlank(image.asText())) {
                try {
                    root.resolve("image", image.asText(), datasetFile.getParent(), context(index, json));
                } catch (InvalidFieldException e) {
                    if (e.getMessage().contains(OUTSIDE)) {
                        throw e;
                    }
                    // any other fault of the path is that record's rejection
                }
            }
        }
    }

    private static String context(int index, JsonNode json) {
        String id = idOf(json);
        return "record " + index + (id != null ? " (id " + id + ")" : "") + ": ";
    }

    private byte[] readImage(Root root, Path datasetFile, String imagePath, int index, JsonNode json) {
        if (imagePath == null || TextRules.isBlank(imagePath)) {
            throw new InvalidFieldException("image", "is required: a path relative to the dataset file");
        }
        Path image = root.resolve("image", imagePath, datasetFile.getParent(), context(index, json));
        if (!Files.isRegularFile(image)) {
            throw new InvalidFieldException("image", "file " + image + (Files.exists(image)
                    ? " is not a regular file" : " does not exist"));
        }
        return readBounded("image", image, config.maxImageBytes(), "rhwatch.ingestion.max-image-bytes");
    }

    private List<RecordText> readRecords(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFieldException("path", file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        byte[] bytes = readBounded("path", file, config.maxImportFileBytes(), "rhwatch.ingestion.max-import-file-bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidFieldException("path", file + " is not UTF-8 text; a dataset is a JSON array or JSONL");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<RecordText> records = text.stripLeading().startsWith("[") ? arrayRecords(file, text) : lineRecords(text);
        if (records.isEmpty()) {
            throw new InvalidFieldException("path", file + " holds no records; a dataset is a JSON array or JSONL of samples");
        }
        if (records.stream().allMatch(record -> record.unparseable() != null)) {
            throw new InvalidFieldException("path", file + " is not a dataset: no record in it is valid JSON"
                    + " (a JSON array or JSONL of samples); nothing was imported");
        }
        return records;
    }

    /** At most {@code max} bytes of a file, whatever size it claims ({@code /proc} files claim none). */
    private static byte[] readBounded(String field, Path file, long max, String limitProperty) {
        String shown = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new InvalidFieldException(field, "file " + shown + " is larger than the limit of " + max + " bytes ("
                        + limitProperty + ")");
            }
            if (bytes.length == 0) {
                throw new InvalidFieldException(field, "file " + shown + " is empty");
            }
            return bytes;
        } catch (IOException e) {
            // the exception's class, not its message: never anything read from the file
            throw new InvalidFieldException(field, "file " + shown + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private List<RecordText> arrayRecords(Path file, String text) {
        JsonNode array;
        try {
            array = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidFieldException("path", file + " is not a valid JSON array" + JsonInputErrors.at(e.getLocation())
                    + "; nothing was imported");
        }
        List<RecordText> records = new ArrayList<>(array.size());
        array.forEach(node -> records.add(new RecordText(node, null)));
        return records;
    }

    /** JSONL: one record per non-blank line; a malformed line is that record's rejection, not the file's. */
    private List<RecordText> lineRecords(String text) {
        List<String> lines = text.lines().toList();
        List<RecordText> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(RecordText.parse(mapper, lines.get(i), i + 1));
            }
        }
        return records;
    }

    /** A record's id, quoted back only when it is a valid one: never a control character into an answer or a log. */
    private static String idOf(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("id").isTextual()) {
            return null;
        }
        String id = json.get("id").asText();
        return TextRules.isValidId(id, SHOWN_ID_CHARS) ? id : null;
    }

    /**
     * The import root as configured (normalised) and as it really is (symbolic links resolved). A path is inside when
     * it lies under the root normalised, and still does with its own links resolved.
     */
    private record Root(Path configured, Path real, int maxPathChars) {

        /** {@code raw} resolved against {@code base}; refused, naming the field, unless it is a path inside the root. */
        Path resolve(String field, String raw, Path base, String context) {
            if (raw.length() > maxPathChars) {
                throw new InvalidFieldException(field, context + raw.length() + " characters exceeds the limit of "
                        + maxPathChars + " (rhwatch.ingestion.max-path-chars)");
            }
            if (raw.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidFieldException(field, context + "contains " + (raw.indexOf(0) >= 0 ? "a NUL character"
                        : "a control character") + ", which no path may hold");
            }
            Path path;
            try {
                path = base.resolve(raw.strip()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new InvalidFieldException(field, context + "is not a valid path (" + e.getReason() + ")");
            }
            boolean inside = path.startsWith(configured) || path.startsWith(real);
            if (inside && Files.exists(path)) {
                try {
                    inside = path.toRealPath().startsWith(real);
                } catch (IOException e) {
                    inside = false;
                }
            }
            if (!inside) {
                throw new InvalidFieldException(field, context + TextRules.shown(raw, SHOWN_PATH_CHARS) + OUTSIDE + configured
                        + " (rhwatch.ingestion.import-root); put the dataset and its images inside it");
            }
            return path;
        }
    }

    /** One record of the file, parsed once: its JSON, or why it is not JSON. */
    private record RecordText(JsonNode node, InvalidFieldException unparseable) {

        static RecordText parse(ObjectMapper mapper, String line, int lineNumber) {
            try {
                return new RecordText(mapper.readTree(line), null);
            } catch (JacksonException e) {
                return new RecordText(null, JsonInputErrors.of(e, "line " + lineNumber, "record"));
            }
        }

        JsonNode json() {
            if (unparseable != null) {
                throw unparseable;
            }
            return node;
        }
    }

    /** Broker writes in flight: pipelined, at most {@code import-in-flight} at once, all awaited before answering. */
    private final class Writes {

        /** A record's write: its index in the file, its id, and the broker's acknowledgement. */
        private record Write(int index, String id, CompletableFuture<Void> ack) {
        }

        private final Deque<Write> inFlight = new ArrayDeque<>();
        private final List<String> acknowledged = new ArrayList<>();

        void start(int index, String id, CompletableFuture<Void> ack) {
            if (inFlight.size() >= config.importInFlight()) {
                await(inFlight.removeFirst());
            }
            inFlight.addLast(new Write(index, id, ack));
        }

        void awaitAll() {
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
        }

        private void await(Write write) {
            try {
                write.ack().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(write.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(write, "interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw failed(write, "not acknowledged", e instanceof ExecutionException ? e.getCause() : e);
            }
        }

        private ImportPublishFailedException failed(Write write, String what, Throwable cause) {
            return new ImportPublishFailedException("rh.samples: the write of record " + write.index() + " (" + write.id() + ") was "
                    + what + " after " + acknowledged.size() + " acknowledged writes of this import", cause,
                    acknowledged, write.index(), write.id());
        }
    }
}
