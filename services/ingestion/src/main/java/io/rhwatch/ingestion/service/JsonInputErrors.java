package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Jackson's errors as {@link InvalidFieldException}s naming the field by its path ({@code choices[2]}). The messages
 * never quote the input: Jackson's own ("Unrecognized token 'root:x:0:0'") would echo a file an import was pointed at.
 */
public final class JsonInputErrors {

    private JsonInputErrors() {
    }

    /**
     * {@code where} says what was being read, e.g. "the body" or "line 5", in messages; {@code wholeField} is the field
     * named when the fault is not one field's, e.g. "body".
     */
    public static InvalidFieldException of(JacksonException e, String where, String wholeField) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch, where, wholeField);
        }
        if (e.getCause() instanceof InputCoercionException range && e instanceof JsonMappingException mapping) {
            String field = path(mapping.getPath());
            return new InvalidFieldException(field.isEmpty() ? wholeField : field, "is out of range: expected a whole number"
                    + (range.getTargetType() == Integer.TYPE || range.getTargetType() == Integer.class
                    ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE), e);
        }
        if (e instanceof StreamConstraintsException limit) {
            // Jackson's message names the limit ("Document nesting depth (1001) exceeds the maximum allowed (1000 ...")
            return new InvalidFieldException(wholeField, where + " exceeds a JSON reading limit: " + limit.getOriginalMessage(), e);
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            // the parser stopped at the second occurrence, so its context names the field
            return new InvalidFieldException(path(parser.getParsingContext()), "appears twice in the same object", e);
        }
        // the whole text's fault: the parser's context would name the field before a stray comma, misleadingly
        return new InvalidFieldException(wholeField, where + " is not valid JSON" + at(e.getLocation())
                + (message.contains("end-of-input") ? ": it ends before the JSON value is complete" : ""), e);
    }

    private static InvalidFieldException unknownField(UnrecognizedPropertyException e) {
        String field = path(e.getPath());
        String name = Objects.toString(e.getPropertyName(), "");
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        String suggestion = closest(name, known);
        return new InvalidFieldException(field, "is not a field of this request"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + (known.isEmpty() ? "" : " The fields are: " + String.join(", ", known)), e);
    }

    private static InvalidFieldException mismatch(MismatchedInputException e, String where, String wholeField) {
        String field = path(e.getPath());
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            return new InvalidFieldException(wholeField, where + " has more after its JSON value" + at(e.getLocation())
                    + ": send exactly one JSON object", e);
        }
        if (message.startsWith("No content to map")) {
            return new InvalidFieldException(wholeField, where + " is empty: send one JSON object", e);
        }
        return new InvalidFieldException(field.isEmpty() ? wholeField : field, "wrong type: expected " + expected(e.getTargetType())
                + " (numbers and booleans are not converted to text)", e);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    /** " at line 3, column 14", or nothing when the position is unknown. */
    public static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A field's path from a mapping error: {@code choices[2]}, {@code image}. */
    static String path(List<JsonMappingException.Reference> references) {
        String path = references.stream()
                .map(ref -> ref.getFieldName() != null ? "." + TextRules.shown(ref.getFieldName()) : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** A field's path from where the parser stopped. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, "." + TextRules.shown(c.getCurrentName()));
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    /** The known name nearest to a misspelt one, if it is near enough to be a likely typo. */
    static String closest(String name, List<String> known) {
        if (name.length() > 64) {
            return null;
        }
        return known.stream()
                .filter(candidate -> distance(name.toLowerCase(), candidate.toLowerCase()) <= Math.max(2, candidate.length() / 3))
                .min(Comparator.comparingInt(candidate -> distance(name.toLowerCase(), candidate.toLowerCase())))
                .orElse(null);
    }

    /** Levenshtein distance, with a swap of two neighbours counting as one edit ("anwser" is one from "answer"). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
