package io.reescreen.retrainer;

import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.TrainingExample;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of the retrainer's topics: registry-backed in production, plain Avro in topology tests. */
public record RetrainerSerdes(Serde<LabResult> labResult, Serde<LotInfo> lotInfo, Serde<LotComposition> lotComposition,
                              Serde<TrainingExample> trainingExample, Serde<ReePrediction> reePrediction) {

    public RetrainerSerdes {
        Objects.requireNonNull(reePrediction, "reePrediction");
        Objects.requireNonNull(labResult, "labResult");
        Objects.requireNonNull(lotInfo, "lotInfo");
        Objects.requireNonNull(lotComposition, "lotComposition");
        Objects.requireNonNull(trainingExample, "trainingExample");
    }

    /** Plain Avro predictions (topology tests that do not read ree.predictions). */
    public RetrainerSerdes(Serde<LabResult> labResult, Serde<LotInfo> lotInfo, Serde<LotComposition> lotComposition,
                           Serde<TrainingExample> trainingExample) {
        this(labResult, lotInfo, lotComposition, trainingExample, new AvroBinarySerde<>(ReePrediction.class));
    }

    public static RetrainerSerdes fromRegistry(RegistrySerdes registry) {
        return new RetrainerSerdes(registry.valueSerde(LabResult.class), registry.valueSerde(LotInfo.class),
                registry.valueSerde(LotComposition.class), registry.valueSerde(TrainingExample.class),
                registry.valueSerde(ReePrediction.class));
    }
}
