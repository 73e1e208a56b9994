package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.XrfReading;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's rule (schemas/README.md): subjects are BACKWARD compatible, so a schema may gain optional
 * fields with defaults but not required ones. The embedded registry enforces it for every subject.
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
