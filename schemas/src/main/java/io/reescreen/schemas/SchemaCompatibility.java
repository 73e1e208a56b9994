package io.reescreen.schemas;

/**
 * The registry's compatibility rule for a topic's value subject ({@code <topic>-value}), by who writes the topic.
 * The names are the registry's own (Confluent's and Apicurio's levels).
 */
public enum SchemaCompatibility {
    /**
     * Topics the services write: a new schema must read every record written with the previous one. Our producers
     * and consumers upgrade together, and a consumer must read the topic's history after an upgrade.
     */
    BACKWARD,
    /**
     * Topics written by outside producers (analyzers, labs, metadata feeds), who upgrade on their own schedule. A new
     * producer schema must be readable by every earlier schema (FORWARD: the screener, still on its own schema, reads
     * the new records) and must read every earlier version's records (BACKWARD: after the screener upgrades, a replay
     * of the history still decodes), against all versions, not only the latest (TRANSITIVE: a topic's history spans
     * every version). So a producer can add optional fields with defaults, and nothing else.
     */
    FULL_TRANSITIVE
}
