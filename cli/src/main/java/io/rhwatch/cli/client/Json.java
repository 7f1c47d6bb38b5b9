package io.rhwatch.cli.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The services' JSON: snake_case field names; fields this client does not know are ignored. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** The {@code error} field of an error body, or the body itself when it is not such JSON. */
    static String errorOf(String body) {
        try {
            var node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (Exception notJson) {
            // fall through to the raw body
        }
        return body.isBlank() ? "(empty body)" : body.strip();
    }
}
