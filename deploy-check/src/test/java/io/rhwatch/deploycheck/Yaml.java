package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class Yaml {

    private static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    static JsonNode read(Path file) {
        return parse(Repository.read(file), file.toString());
    }

    static JsonNode parse(String yaml, String origin) {
        try {
            return MAPPER.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + origin, e);
        }
    }

    /** A multi-document stream (kubectl output), without empty documents. */
    static List<JsonNode> parseAll(String yaml, String origin) {
        try {
            return MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(document -> document != null && !document.isMissingNode() && !document.isNull())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + origin, e);
        }
    }

    /** A map of texts (labels, selectors); empty when absent. */
    static Map<String, String> texts(JsonNode map) {
        Map<String, String> texts = new TreeMap<>();
        if (map != null) {
            map.fields().forEachRemaining(field -> texts.put(field.getKey(), field.getValue().asText()));
        }
        return texts;
    }

    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String step : path) {
            at = at == null ? null : at.get(step);
        }
        return at == null || at.isNull() ? null : at.asText();
    }
}
