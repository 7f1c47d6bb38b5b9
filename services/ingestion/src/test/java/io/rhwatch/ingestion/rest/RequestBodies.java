package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Building JSON request bodies field by field, for the hostile-input tests of /v1/samples and /v1/traffic. */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodies() {
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        body.remove(field);
        return body;
    }

    static List<String> letters(int count) {
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            choices.add("choice " + i);
        }
        return choices;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
