package io.rhwatch.ingestion.service;

import io.rhwatch.ingestion.domain.ImportFailure;

import java.util.List;

/**
 * An import stopped because the broker did not acknowledge one of its writes. Says which records are already on
 * rh.samples and which record failed, so a retry can skip what was written.
 */
public class ImportPublishFailedException extends PublishFailedException {

    private final ImportFailure failure;

    public ImportPublishFailedException(String message, Throwable cause, List<String> acknowledgedIds, int failedIndex, String failedId) {
        super(message, cause);
        // getMessage(), not message: a base exception may append its cause's reason (PublishFailedException does)
        this.failure = new ImportFailure(getMessage(), List.copyOf(acknowledgedIds), failedIndex, failedId);
    }

    /** The answer's body: the records already on rh.samples, in file order, and the 0-based record it stopped at. */
    public ImportFailure failure() {
        return failure;
    }
}
