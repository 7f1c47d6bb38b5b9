package io.rhwatch.support.rejection;

import java.util.Objects;

/**
 * A record, or a request, refused for what one of its fields holds. The field is the dead-letter reason that metrics
 * count ({@code rhwatch_dead_letters_total{reason=field}}); the message, {@code field: detail}, is the
 * dead-letter-reason header a dead-lettered record carries. Never retried: the same record would be refused again.
 */
public class RecordRejectedException extends RuntimeException {

    private final String field;
    private final String detail;

    /**
     * @param field  the field at fault as the contract names it ({@code image.data}, {@code choices[2]}), or
     *               {@code value} when the record as a whole is
     * @param detail what is wrong with it, and the limit where there is one
     */
    public RecordRejectedException(String field, String detail) {
        this(field, detail, null);
    }

    public RecordRejectedException(String field, String detail, Throwable cause) {
        super(Objects.requireNonNull(field, "field") + ": " + detail, cause);
        this.field = field;
        this.detail = detail;
    }

    /**
     * The record's value, or a refusal of field {@code value} when it has none: Kafka hands a record without a value (a
     * tombstone) to the handler without calling the deserializer.
     */
    public static <T> T requireValue(T value, Class<T> type) {
        if (value == null) {
            throw new RecordRejectedException("value", "the record has none (a tombstone?); expected a rhwatch.v1." + type.getSimpleName());
        }
        return value;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }
}
