package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.SchemaCompatibility;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's rules (schemas/README.md): subjects are BACKWARD compatible, so a schema may gain optional
 * fields with defaults but not required ones; inputs written by outside producers (xrf.readings, lots, lab.results)
 * are FULL_TRANSITIVE, so a producer cannot drop a field the screener needs. The embedded registry enforces both.
 */
@ExtendWith(EmbeddedStackExtension.class)
class SchemaCompatibilityRuleTest {

    @Test
    void registryAcceptsAnAddedOptionalFieldAndRejectsAnAddedRequiredOne(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        String subject = "compat-rule-" + UUID.randomUUID() + "-value";
        Schema v1 = XrfReading.getClassSchema();
        Schema v2 = withField(v1, "moistureWtPct", true);
        Schema v3 = withField(v2, "operatorId", false);

        // No per-subject setting: a new subject inherits the stack's global rule.
        assertEquals(200, ccompat.register(subject, v1.toString()).status());

        ConfluentCompatClient.Response optionalAdded = ccompat.register(subject, v2.toString());
        assertEquals(200, optionalAdded.status(), optionalAdded.body());

        assertFalse(ccompat.testCompatibility(subject, v3.toString()).json().get("is_compatible").asBoolean());
        ConfluentCompatClient.Response requiredAdded = ccompat.register(subject, v3.toString());
        assertEquals(409, requiredAdded.status(), "a required field breaks consumers reading old records: " + requiredAdded.body());
        assertTrue(ccompat.latest(subject).json().get("schema").asText().contains("moistureWtPct"));
    }

    @Test
    void theRegistryRefusesAnXrfReadingProducerSchemaWithoutARequiredField(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        String subject = Topics.XRF_READINGS.valueSubject();
        Schema current = XrfReading.getClassSchema();
        assertEquals(200, ccompat.register(subject, current.toString()).status());

        // Under BACKWARD alone the registry took this one, and the screener then dead-lettered every record as UNDECODABLE.
        Schema withoutAnalyzerId = without(current, "analyzerId");
        ConfluentCompatClient.Response dropped = ccompat.register(subject, withoutAnalyzerId.toString());
        assertEquals(409, dropped.status(), "the screener's reader needs analyzerId: " + dropped.body());
        assertFalse(ccompat.testCompatibility(subject, withoutAnalyzerId.toString()).json().get("is_compatible").asBoolean());

        ConfluentCompatClient.Response optionalAdded = ccompat.register(subject, withField(current, "moistureWtPct", true).toString());
        assertEquals(200, optionalAdded.status(), "an optional field with a default stays allowed: " + optionalAdded.body());
        String latest = ccompat.latest(subject).json().get("schema").asText();
        assertTrue(latest.contains("moistureWtPct") && latest.contains("\"analyzerId\""), latest);
    }

    @Test
    void eachTopicCarriesTheRuleOfWhoWritesIt(EmbeddedStack stack) throws Exception {
        ConfluentCompatClient ccompat = new ConfluentCompatClient(stack.registry().confluentCompatibleUrl());
        for (TopicSpec topic : List.of(Topics.XRF_READINGS, Topics.LOTS, Topics.LAB_RESULTS)) {
            assertEquals(SchemaCompatibility.FULL_TRANSITIVE, topic.valueCompatibility(), topic.name());
            assertEquals("FULL_TRANSITIVE", ccompat.config(topic.valueSubject()).json().get("compatibilityLevel").asText(),
                    topic.valueSubject());
        }
        for (TopicSpec topic : List.of(Topics.LOT_COMPOSITIONS, Topics.REE_PREDICTIONS, Topics.MODEL_RELEASES,
                Topics.TRAINING_EXAMPLES)) {
            assertEquals(SchemaCompatibility.BACKWARD, topic.valueCompatibility(), topic.name());
        }
    }

    private static Schema without(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().stream().filter(f -> !f.name().equals(name)).forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withField(Schema schema, String name, boolean optional) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(optional
                ? new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE)),
                        null, Schema.Field.NULL_DEFAULT_VALUE)
                : new Schema.Field(name, Schema.create(Schema.Type.STRING), null, (Object) null));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
