package io.reescreen.screener.decode;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.kafka.KafkaDeserializer;
import io.reescreen.schemas.XrfReading;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the bytes of an xrf.readings value into an {@link XrfReading}, strictly, or says in an operator's words why
 * not: "JSON, not Avro", "not Avro with Confluent framing (first byte 0x7B, expected 0x00)", "unknown schema id 42",
 * "truncated after 37 bytes", "12 trailing bytes after a complete XrfReading", "a LotInfo, not an XrfReading". The
 * framing is checked before the registry is asked, and the body is scanned ({@link AvroBodyScan}) before Avro decodes
 * it. One per stream task: not thread-safe.
 *
 * <p><b>The registry unreachable.</b> A schema id names one schema for ever, so every id looked up is kept for the
 * process's life ({@link #schemas}; the registry client's own cache is as long-lived, {@code RegistrySerdes}): ids
 * already seen decode whether the registry is up or not. An id not seen yet while the registry cannot be reached
 * (connection refused, timeout, 5xx — not the registry answering that it has no such id) is asked again with backoff
 * for at most {@link #DEFAULT_RETRY_BUDGET} (well under the 10 s transaction timeout of exactly-once streams and
 * {@code max.poll.interval.ms}); if it still cannot be reached the reading is dead-lettered as
 * {@code REGISTRY_UNAVAILABLE}, not as undecodable, and the data team re-admits it with
 * {@code ./reescreen dlq replay --reason REGISTRY_UNAVAILABLE} once the registry is back. Throwing instead (so the
 * task retries the record) was not chosen: the screener's processing-exception handler continues past a record that
 * throws, which would lose it, and blocking the stream thread for the length of an outage would abort its
 * transaction and stall every lot on the task. After a failed budget, further unseen ids fail at once for
 * {@link #UNREACHABLE_HOLD_NANOS} so an outage costs one wait per hold, not one per record.
 */
public final class ReadingDecoder {

    /** The Confluent wire format's magic byte. */
    static final byte MAGIC = 0;
    /** Magic byte and a 4-byte schema id. */
    static final int HEADER_BYTES = 5;
    /** An id the registry did not know is asked again only after this long. */
    private static final long UNKNOWN_ID_RETRY_NANOS = 60_000_000_000L;
    private static final int MAX_REMEMBERED = 1024;
    /** How long one unseen id is asked for while the registry cannot be reached. */
    public static final java.time.Duration DEFAULT_RETRY_BUDGET = java.time.Duration.ofSeconds(3);
    /** After a failed budget, unseen ids are dead-lettered at once for this long (then asked again). */
    private static final long UNREACHABLE_HOLD_NANOS = 10_000_000_000L;
    private static final long FIRST_BACKOFF_MS = 100;

    /** The writer's schema for a Confluent schema id. */
    @FunctionalInterface
    public interface SchemaLookup {
        /**
         * @throws UnknownSchemaId     when the registry has no such id
         * @throws RegistryUnavailable when the registry could not be asked; any other exception: the lookup failed
         */
        Schema schema(int id) throws UnknownSchemaId, RegistryUnavailable;
    }

    /** The registry could not be asked (connection refused, timeout, 5xx): says nothing about the record. */
    public static final class RegistryUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public RegistryUnavailable(int id, Throwable cause) {
            super("schema id " + id + ": the registry could not be reached (" + cause + ")", cause, false, false);
        }
    }

    /** The registry answered that it has no schema with this id. */
    public static final class UnknownSchemaId extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownSchemaId(int id) {
            super("unknown schema id " + id, null, false, false);
        }
    }

    /**
     * The outcome: exactly one of {@code reading} and {@code problem} is set; {@code registryUnavailable} when the
     * problem is the registry's, not the record's.
     */
    public record Decoded(XrfReading reading, String problem, boolean registryUnavailable) {
        static Decoded ok(XrfReading reading) {
            return new Decoded(reading, null, false);
        }

        static Decoded undecodable(String problem) {
            return new Decoded(null, problem, false);
        }

        static Decoded unavailable(String problem) {
            return new Decoded(null, problem, true);
        }
    }

    private static final Schema READER = XrfReading.getClassSchema();

    private final SchemaLookup registry;
    private final Map<Schema, SpecificDatumReader<XrfReading>> readers = new IdentityHashMap<>();
    private final Map<Integer, Long> unknownIds = new HashMap<>();
    /** Every id looked up, for the process's life: an id never names another schema. */
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final long retryBudgetNanos;
    /** Until when (System.nanoTime) unseen ids are not asked for, after a failed retry budget; 0: no hold. */
    private long unreachableUntil;
    private boolean unreachable;

    private ReadingDecoder(SchemaLookup registry, java.time.Duration retryBudget) {
        this.registry = registry;
        this.retryBudgetNanos = retryBudget.toNanos();
    }

    /** Confluent framing, the writer's schema from {@code registry}. */
    public static ReadingDecoder framed(SchemaLookup registry) {
        return framed(registry, DEFAULT_RETRY_BUDGET);
    }

    /** As {@link #framed(SchemaLookup)}, asking an unreachable registry for at most {@code retryBudget}. */
    public static ReadingDecoder framed(SchemaLookup registry, java.time.Duration retryBudget) {
        return new ReadingDecoder(registry, retryBudget);
    }

    /** Bare Avro binary in this build's XrfReading schema (no framing, no registry): the topology tests' format. */
    public static ReadingDecoder bare() {
        return new ReadingDecoder(null, java.time.Duration.ZERO);
    }

    /**
     * The decoder for what {@code deserializer} reads: the registry's (Apicurio's Kafka deserializer, as
     * {@code RegistrySerdes} makes it) means Confluent framing with schemas from that registry; any other is taken to
     * be bare Avro binary of this build's schema, as the tests' serdes write it.
     */
    public static ReadingDecoder of(Deserializer<XrfReading> deserializer) {
        if (deserializer instanceof KafkaDeserializer<?, ?> apicurio) {
            @SuppressWarnings("unchecked")
            KafkaDeserializer<Schema, XrfReading> registry = (KafkaDeserializer<Schema, XrfReading>) apicurio;
            return framed(id -> lookUp(registry, id));
        }
        return bare();
    }

    public Decoded decode(byte[] value) {
        if (value == null) {
            return Decoded.undecodable("the value is null (a tombstone), not an XrfReading");
        }
        if (registry == null) {
            return body(READER, value, 0, "").map(Decoded::undecodable)
                    .orElseGet(() -> read(READER, value, 0, ""));
        }
        Optional<String> framing = framingProblem(value);
        if (framing.isPresent()) {
            return Decoded.undecodable(framing.get());
        }
        int id = ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
        Schema writer;
        try {
            writer = writerSchema(id);
        } catch (UnknownSchemaId e) {
            return Decoded.undecodable("unknown schema id " + id + ": the registry has no schema with that id");
        } catch (RegistryUnavailable e) {
            return Decoded.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return Decoded.undecodable("schema id " + id + " could not be looked up in the registry: " + e);
        }
        String ofId = " (schema id " + id + ")";
        if (writer.getType() != Schema.Type.RECORD || !READER.getFullName().equals(writer.getFullName())) {
            return Decoded.undecodable("a " + writer.getFullName() + ofId + ", not an " + READER.getFullName());
        }
        return body(writer, value, HEADER_BYTES, ofId).map(Decoded::undecodable)
                .orElseGet(() -> read(writer, value, HEADER_BYTES, ofId));
    }

    /** What is wrong with the first five bytes, if anything. */
    static Optional<String> framingProblem(byte[] value) {
        if (value.length == 0) {
            return Optional.of("an empty value (0 bytes), not Avro with Confluent framing");
        }
        int first = value[0] & 0xFF;
        if (first != MAGIC) {
            String seen = String.format("first byte 0x%02X%s, expected 0x00", first,
                    first >= 0x20 && first < 0x7F ? " '" + (char) first + "'" : "");
            if (looksLikeJson(value)) {
                return Optional.of("JSON, not Avro (" + seen + ", the Confluent magic byte)");
            }
            if (isText(value)) {
                return Optional.of("text, not Avro with Confluent framing (" + seen + "): \"" + preview(value) + "\"");
            }
            return Optional.of("not Avro with Confluent framing (" + seen + ")");
        }
        if (value.length < HEADER_BYTES) {
            return Optional.of("truncated after " + value.length + " bytes: Confluent framing needs " + HEADER_BYTES
                    + " (magic byte 0x00 and a 4-byte schema id) before the Avro body");
        }
        return Optional.empty();
    }

    private Optional<String> body(Schema writer, byte[] value, int offset, String ofId) {
        return AvroBodyScan.problem(writer, value, offset)
                .map(p -> (ofId.isEmpty() ? "not a bare-Avro XrfReading: " : "") + p + ofId);
    }

    private Decoded read(Schema writer, byte[] value, int offset, String ofId) {
        try {
            if (readers.size() >= MAX_REMEMBERED) {
                readers.clear();
            }
            SpecificDatumReader<XrfReading> reader = readers.computeIfAbsent(writer,
                    w -> new SpecificDatumReader<>(w, READER, SpecificData.getForClass(XrfReading.class)));
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, null);
            return Decoded.ok(reader.read(null, in));
        } catch (IOException | RuntimeException e) {
            // The scan passed, so this is the schemas not resolving (a field the reader needs that the writer lacks).
            return Decoded.undecodable("cannot be read as an XrfReading" + ofId + ": " + e.getMessage());
        }
    }

    private Schema writerSchema(int id) throws UnknownSchemaId, RegistryUnavailable {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        Long retryAfter = unknownIds.get(id);
        if (retryAfter != null && System.nanoTime() - retryAfter < 0) {
            throw new UnknownSchemaId(id);
        }
        try {
            Schema found = askWithBackoff(id);
            if (schemas.size() >= MAX_REMEMBERED) {
                schemas.clear();
            }
            schemas.put(id, found);
            return found;
        } catch (UnknownSchemaId e) {
            if (unknownIds.size() >= MAX_REMEMBERED) {
                unknownIds.clear();
            }
            unknownIds.put(id, System.nanoTime() + UNKNOWN_ID_RETRY_NANOS);
            throw e;
        }
    }

    /** Asks the registry; while it cannot be reached, again after 100, 200, 400 ms ... within the retry budget. */
    private Schema askWithBackoff(int id) throws UnknownSchemaId, RegistryUnavailable {
        long start = System.nanoTime();
        boolean holding = unreachable && start - unreachableUntil < 0;
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            try {
                Schema found = registry.schema(id);
                unreachable = false;
                return found;
            } catch (RegistryUnavailable e) {
                long left = retryBudgetNanos - (System.nanoTime() - start);
                if (holding || left <= 0) {
                    if (!holding) {
                        unreachable = true;
                        unreachableUntil = System.nanoTime() + UNREACHABLE_HOLD_NANOS;
                    }
                    throw e;
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(backoffMs, left / 1_000_000)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs *= 2;
            }
        }
    }

    /** The schema by content id, as the registry deserializer itself resolves it (cached by its resolver). */
    private static Schema lookUp(KafkaDeserializer<Schema, XrfReading> deserializer, int id)
            throws UnknownSchemaId, RegistryUnavailable {
        try {
            SchemaLookupResult<Schema> found = deserializer.getSchemaResolver()
                    .resolveSchemaByArtifactReference(ArtifactReference.fromContentId((long) id));
            return found.getParsedSchema().getParsedSchema();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ApiException api && api.getResponseStatusCode() == 404) {
                    throw new UnknownSchemaId(id);
                }
            }
            if (unreachable(e)) {
                throw new RegistryUnavailable(id, e);
            }
            throw e;
        }
    }

    /** Connection refused or reset, a timeout, or a 5xx answer anywhere in the cause chain. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true; // ConnectException (netty's AnnotatedConnectException too), SocketTimeoutException, ...
            }
            if (t instanceof ApiException api && api.getResponseStatusCode() >= 500) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean looksLikeJson(byte[] value) {
        int first = firstNonBlank(value);
        return first >= 0 && (value[first] == '{' || value[first] == '[');
    }

    private static int firstNonBlank(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            if (!Character.isWhitespace(value[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Printable ASCII and whitespace in the first 256 bytes: someone sent text. */
    private static boolean isText(byte[] value) {
        for (int i = 0; i < Math.min(value.length, 256); i++) {
            int b = value[i] & 0xFF;
            if ((b < 0x20 || b >= 0x7F) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(value.length, 40); i++) {
            char c = (char) (value[i] & 0xFF);
            out.append(c >= 0x20 && c < 0x7F ? c : ' ');
        }
        return value.length > 40 ? out + "..." : out.toString();
    }
}
