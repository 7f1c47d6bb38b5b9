package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.Labels;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.ImportRequest;
import io.rhwatch.ingestion.domain.ImportResult;
import io.rhwatch.ingestion.domain.SampleRequest;
import io.rhwatch.ingestion.messaging.SamplePublisher;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * {@code POST /v1/samples}; a bad record is reported by index and does not stop the others. With
 * {@code rhwatch.ingestion.import-root} set, the file and every image it names must lie inside that directory, or
 * nothing is imported.
 */
@ApplicationScoped
public class ImportService {

    private final SampleValidator validator;
    private final SamplePublisher publisher;
    private final IngestionConfig config;
    private final ObjectMapper mapper;

    public ImportService(SampleValidator validator, SamplePublisher publisher, IngestionConfig config, ObjectMapper mapper) {
        this.validator = validator;
        this.publisher = publisher;
        this.config = config;
        this.mapper = mapper;
    }

    /** Returns once the broker acknowledged every accepted record; blocks, so call it from a worker thread. */
    public ImportResult importFile(ImportRequest request) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new InvalidFieldException("path", "is required: the dataset file (.json or .jsonl) on the server's disk");
        }
        if (request.task() != null && Labels.task(request.task()).isEmpty()) {
            throw new InvalidFieldException("task", "'" + request.task() + "' is not a task; use one of "
                    + Labels.accepted(Task.values()));
        }
        Path file = Path.of(request.path().strip()).toAbsolutePath().normalize();
        requireInsideImportRoot("path", file, "");
        List<RecordText> records = readRecords(file);
        if (config.importRoot().isPresent()) {
            requireImagesInsideImportRoot(file, records);
        }
        String defaultSource = request.source() != null && !request.source().isBlank()
                ? request.source() : file.getFileName().toString();

        List<String> ids = new ArrayList<>();
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        Writes writes = new Writes();
        for (int index = 0; index < records.size(); index++) {
            RecordText record = records.get(index);
            JsonNode json = null;
            try {
                json = record.parse(mapper);
                if (!json.isObject()) {
                    throw new InvalidFieldException("record", "expected a JSON object with the sample's fields, got " + json.getNodeType());
                }
                SampleRequest sample = validator.read(json).withDefaults(request.task(), defaultSource);
                if (sample.task() == null || sample.task().isBlank()) {
                    throw new InvalidFieldException("task", "is required: give it per record or as the import's \"task\"");
                }
                Sample valid = validator.validate(sample, readImage(file, sample.image()));
                writes.start(index, valid.getSampleId(), publisher.publish(valid).subscribeAsCompletionStage());
                ids.add(valid.getSampleId());
            } catch (InvalidFieldException e) {
                rejected.add(new ImportResult.Rejection(index, idOf(json), e.field(), e.getMessage()));
            }
        }
        writes.awaitAll();
        return new ImportResult(ids.size(), ids, rejected);
    }

    /** Checked before anything is written: an import that reaches outside the root is refused whole. */
    private void requireImagesInsideImportRoot(Path datasetFile, List<RecordText> records) {
        for (int index = 0; index < records.size(); index++) {
            JsonNode json;
            try {
                json = records.get(index).parse(mapper);
            } catch (InvalidFieldException unparseable) {
                continue; // rejected by index when the records are read
            }
            JsonNode image = json.get("image");
            if (image != null && image.isTextual() && !image.asText().isBlank()) {
                requireInsideImportRoot("image", imagePath(datasetFile, image.asText()),
                        "record " + index + (json.hasNonNull("id") ? " (id " + json.get("id").asText() + ")" : "") + ": ");
            }
        }
    }

    /** Refuses {@code path} (absolute and normalised) unless it lies inside the import root, symbolic links resolved. */
    private void requireInsideImportRoot(String field, Path path, String context) {
        if (config.importRoot().isEmpty()) {
            return;
        }
        Path root = config.importRoot().get().toAbsolutePath().normalize();
        boolean inside = path.startsWith(root);
        if (inside && Files.exists(path)) {
            try {
                inside = path.toRealPath().startsWith(root.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw new InvalidFieldException(field, context + path + " is outside the import root " + root
                    + " (rhwatch.ingestion.import-root); put the dataset and its images inside it");
        }
    }

    private static Path imagePath(Path datasetFile, String imagePath) {
        return datasetFile.getParent().resolve(imagePath.strip()).normalize();
    }

    private byte[] readImage(Path datasetFile, String imagePath) {
        if (imagePath == null || imagePath.isBlank()) {
            throw new InvalidFieldException("image", "is required: a path relative to the dataset file");
        }
        Path image = imagePath(datasetFile, imagePath);
        try {
            validator.checkImageSize(Files.size(image));
            return Files.readAllBytes(image);
        } catch (NoSuchFileException e) {
            throw new InvalidFieldException("image", "file " + image + " does not exist");
        } catch (IOException e) {
            throw new InvalidFieldException("image", "file " + image + " cannot be read: " + e.getMessage());
        }
    }

    private List<RecordText> readRecords(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFieldException("path", file + " is not a file");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.stripLeading().startsWith("[") ? arrayRecords(file, text) : lineRecords(text);
        } catch (IOException e) {
            throw new InvalidFieldException("path", file + " cannot be read: " + e.getMessage());
        }
    }

    private List<RecordText> arrayRecords(Path file, String text) {
        JsonNode array;
        try {
            array = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("path", file + " is not a valid JSON array: " + e.getOriginalMessage());
        }
        List<RecordText> records = new ArrayList<>(array.size());
        array.forEach(node -> records.add(new RecordText(node, null, 0)));
        return records;
    }

    /** JSONL: one record per non-blank line; a malformed line is that record's rejection, not the file's. */
    private static List<RecordText> lineRecords(String text) {
        List<String> lines = text.lines().toList();
        List<RecordText> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(new RecordText(null, lines.get(i), i + 1));
            }
        }
        return records;
    }

    private static String idOf(JsonNode json) {
        return json != null && json.hasNonNull("id") ? json.get("id").asText() : null;
    }

    /** One record of the file: a node of a JSON array, or a JSONL line still to be parsed. */
    private record RecordText(JsonNode node, String line, int lineNumber) {

        JsonNode parse(ObjectMapper mapper) {
            if (node != null) {
                return node;
            }
            try {
                return mapper.readTree(line);
            } catch (JsonProcessingException e) {
                throw new InvalidFieldException("record", "line " + lineNumber + " is not valid JSON: " + e.getOriginalMessage());
            }
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
