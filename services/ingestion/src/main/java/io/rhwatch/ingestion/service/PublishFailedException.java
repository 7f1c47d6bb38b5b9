package io.rhwatch.ingestion.service;

import java.util.ArrayList;
import java.util.List;

/** The broker did not acknowledge a write in time, or refused it. The message carries the whole cause chain. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message + ": " + describe(cause), cause);
    }

    /** Retry wrappers hide the broker's own words ("Topic … not present in metadata"); keep every distinct message. */
    private static String describe(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (!messages.contains(text)) {
                messages.add(text);
            }
        }
        return String.join("; caused by: ", messages);
    }
}
