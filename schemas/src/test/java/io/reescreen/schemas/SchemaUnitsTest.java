package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Units are the classic trap here: every number that crosses a topic must say its unit. */
class SchemaUnitsTest {

    private static final Set<Schema.Type> NUMERIC = Set.of(Schema.Type.INT, Schema.Type.LONG, Schema.Type.FLOAT, Schema.Type.DOUBLE);

    @Test
    void everyNumericFieldNamesItsUnit() {
        List<String> missing = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (Schema schema : ContractSchemas.all()) {
            collectUnitless(schema, visited, missing);
        }
        assertEquals(List.of(), missing, "numeric fields whose doc does not say 'Unit: ...'");
    }

    @Test
    void theCheckItselfCatchesAUnitlessNumber() {
        Schema bad = new Schema.Parser().parse("""
                {"type":"record","name":"Bad","fields":[{"name":"al2o3","type":["null","double"]}]}""");
        List<String> missing = new ArrayList<>();
        collectUnitless(bad, new HashSet<>(), missing);
        assertEquals(List.of("Bad.al2o3"), missing);
    }

    @Test
    void everyTopicValueHasASchema() {
        List<String> records = ContractSchemas.topLevelRecords().stream().map(Schema::getName).sorted().toList();
        assertEquals(List.of("AlertAcknowledgement", "DriftAlarm", "HighReeAlert", "LabResult", "LotComposition", "LotInfo",
                "ModelPerformance", "ModelRelease", "ReePrediction", "RetrainingAttempt", "TrainingExample", "XrfReading"), records);
        assertTrue(ContractSchemas.all().size() > records.size(), "shared types are parsed too");
    }

    private static void collectUnitless(Schema schema, Set<String> visited, List<String> missing) {
        if (schema.getType() != Schema.Type.RECORD || !visited.add(schema.getFullName())) {
            return;
        }
        for (Schema.Field field : schema.getFields()) {
            for (Schema type : leafTypes(field.schema())) {
                if (NUMERIC.contains(type.getType()) && (field.doc() == null || !field.doc().contains("Unit:"))) {
                    missing.add(schema.getName() + "." + field.name());
                }
                collectUnitless(type, visited, missing);
            }
        }
    }

    /** The types a field's values can take, through unions, arrays and maps. */
    private static List<Schema> leafTypes(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> schema.getTypes().stream().flatMap(t -> leafTypes(t).stream()).toList();
            case ARRAY -> leafTypes(schema.getElementType());
            case MAP -> leafTypes(schema.getValueType());
            default -> List.of(schema);
        };
    }
}
