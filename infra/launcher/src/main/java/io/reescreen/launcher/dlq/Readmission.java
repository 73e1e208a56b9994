package io.reescreen.launcher.dlq;

import org.apache.kafka.common.header.Headers;

/**
 * The record a replay sends back to the source topic: the original key and value bytes, the original headers (less
 * the dead-letter ones) and where it came from ({@link OriginalRecords#REPLAY_OF}).
 *
 * @param timestampMs the original's timestamp, ms since the epoch, where known; null lets the producer stamp it
 */
public record Readmission(byte[] key, byte[] value, Headers headers, Long timestampMs) {
}
