package io.reescreen.schemas.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A client settings file or set (Kafka's, the registry's): which keys, from where, merged without silent overrides.
 * Values are kept exactly as written, so {@code ${file:..}} / {@code ${env:..}} references are resolved by whoever
 * uses them, never here, and never printed.
 */
final class SettingsFile {

    private final Map<String, String> entries;
    private final String source;

    SettingsFile(Map<String, String> entries, String source) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        this.source = source;
    }

    /** Reads a Java properties file; a key {@code allowed} refuses is reported with the file and the key only. */
    static SettingsFile load(Path file, Predicate<String> allowed, String allowedText) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        } catch (IllegalArgumentException e) {
            // Properties.load says "Malformed \\uxxxx encoding" and nothing else: no value is quoted.
            throw new IllegalArgumentException(file + ": not a properties file (" + e.getMessage() + ")");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            if (!allowed.test(key)) {
                throw new IllegalArgumentException(file + ": unknown key " + key + " (only " + allowedText + ")");
            }
            // Kept exactly as Kafka's own --command-config loading keeps them (a password may end in a space).
            entries.put(key, properties.getProperty(key));
        }
        return new SettingsFile(entries, file.toString());
    }

    /** The entries of {@code env} whose names are one of {@code known} keys as an environment variable name. */
    static SettingsFile fromEnvironment(Map<String, String> env, Iterable<String> known, String source) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : known) {
            String value = env.get(variableName(key));
            if (value != null) {
                entries.put(key, value);
            }
        }
        return new SettingsFile(entries, source);
    }

    /** {@code sasl.jaas.config} -> {@code KAFKA_SASL_JAAS_CONFIG}, as Micronaut and Kafka's images name them. */
    static String variableName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Both sets of entries; a key both set with different values is refused, naming the key and the two sources,
     * never the values (either may be a secret).
     */
    SettingsFile merge(SettingsFile other) {
        Map<String, String> merged = new LinkedHashMap<>(entries);
        other.entries.forEach((key, value) -> {
            String mine = merged.putIfAbsent(key, value);
            if (mine != null && !mine.equals(value)) {
                throw new IllegalArgumentException(
                        key + " is set differently in " + source + " and in " + other.source + ": set it in one place");
            }
        });
        if (entries.isEmpty()) {
            return new SettingsFile(merged, other.source);
        }
        if (other.entries.isEmpty() || source.equals(other.source)) {
            return new SettingsFile(merged, source);
        }
        return new SettingsFile(merged, source + " + " + other.source);
    }

    Map<String, String> entries() {
        return entries;
    }

    /** The entries with every secret's value replaced by {@code [hidden]} (Kafka's own mark for a password). */
    Map<String, String> redacted() {
        Map<String, String> redacted = new TreeMap<>();
        entries.forEach((key, value) -> redacted.put(key, Secrets.isSecret(key) ? Secrets.HIDDEN : value));
        return Collections.unmodifiableMap(redacted);
    }

    String source() {
        return source;
    }
}
