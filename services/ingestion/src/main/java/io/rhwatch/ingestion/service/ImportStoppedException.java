package io.rhwatch.ingestion.service;

import io.rhwatch.ingestion.domain.ImportFailure;

import java.util.List;

/**
 * An import stopped short for a reason of the server's, not of the record's (no memory or no free slot to decode its
 * image): what is already on rh.samples, and the record it stopped at, so a retry can skip what was written.
 */
public class ImportStoppedException extends DecodeUnavailableException {

    private final ImportFailure failure;

    public ImportStoppedException(String message, Throwable cause, List<String> acknowledgedIds, int failedIndex, String failedId) {
        super(message, cause);
        // getMessage(), not message: a base exception may append its cause's reason (PublishFailedException does)
        this.failure = new ImportFailure(getMessage(), List.copyOf(acknowledgedIds), failedIndex, failedId);
    }

    /** The answer's body: the records already on rh.samples, in file order, and the 0-based record it stopped at. */
    public ImportFailure failure() {
        return failure;
    }
}
