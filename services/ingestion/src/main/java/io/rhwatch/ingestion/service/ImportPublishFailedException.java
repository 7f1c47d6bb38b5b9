package io.rhwatch.ingestion.service;

import java.util.List;

/**
 * An import stopped because the broker did not acknowledge one of its writes. Says which records are already on
 * rh.samples and which record failed, so a retry can skip what was written.
 */
public class ImportPublishFailedException extends PublishFailedException {

    private final List<String> acknowledgedIds;
    private final int failedIndex;
    private final String failedId;

    public ImportPublishFailedException(String message, Throwable cause, List<String> acknowledgedIds, int failedIndex, String failedId) {
        super(message, cause);
        this.acknowledgedIds = List.copyOf(acknowledgedIds);
        this.failedIndex = failedIndex;
        this.failedId = failedId;
    }

    /** Ids of the records the broker acknowledged, in file order. */
    public List<String> acknowledgedIds() {
        return acknowledgedIds;
    }

    /** 0-based position in the file of the record whose write failed. */
    public int failedIndex() {
        return failedIndex;
    }

    public String failedId() {
        return failedId;
    }
}
