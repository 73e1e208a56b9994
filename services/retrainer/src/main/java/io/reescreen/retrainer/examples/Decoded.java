package io.reescreen.retrainer.examples;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a value with a registry deserializer without trusting its type: the registry's reader returns whatever the
 * schema id says (a LabResult on lots, say), and a cast would throw deep inside a processor.
 */
final class Decoded {

    private Decoded() {
    }

    /** What went wrong, for the reason; {@code value} is the decoded record when {@code problem} is null. */
    record Result<T>(T value, IgnoredReason problem, String detail) {
    }

    static <T> Result<T> as(Class<T> type, Deserializer<?> deserializer, String topic, Headers headers, byte[] bytes) {
        Object decoded;
        try {
            decoded = deserializer.deserialize(topic, headers, bytes);
        } catch (RuntimeException e) {
            return new Result<>(null, IgnoredReason.UNDECODABLE, e.toString());
        }
        if (decoded == null) {
            return new Result<>(null, IgnoredReason.UNDECODABLE, "no value");
        }
        if (!type.isInstance(decoded)) {
            return new Result<>(null, IgnoredReason.WRONG_TYPE, "a " + decoded.getClass().getSimpleName()
                    + " record, not a " + type.getSimpleName());
        }
        return new Result<>(type.cast(decoded), null, null);
    }
}
