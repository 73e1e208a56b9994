package io.reescreen.screener.http;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON values (maps, lists, strings, numbers, booleans), field by field under the schema's own
 * names, which carry the units ({@code meanPpmMol}, {@code probTotalAtOrAboveThreshold}, ...). Timestamps become
 * ISO-8601 UTC strings, enums their symbol, bytes are left out (artifacts do not belong in a lookup).
 */
public final class AvroJson {

    private AvroJson() {
    }

    public static Map<String, Object> toMap(IndexedRecord record) {
        if (record == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof ByteBuffer) {
                continue;
            }
            out.put(field.name(), value(value));
        }
        return out;
    }

    static Object value(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof IndexedRecord record) {
            return toMap(record);
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Collection<?> list) {
            Collection<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericContainer) {
            return value.toString(); // Utf8, enum symbols (specific or generic), fixed
        }
        return value.toString();
    }
}
