package io.reescreen.screener.topology;

import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.XrfReading;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One value serde per Avro type the topology reads or writes on a topic. Production passes the registry's
 * ({@link #fromRegistry(RegistrySerdes)}); tests pass plain Avro binary serdes. Keys are lot ids (or the model
 * name) as UTF-8 strings everywhere.
 *
 * <p>Where these serdes also back a state store, that store's bytes are the topic's bytes: the lots KTable (its source
 * topic is its changelog) and the global model-releases store (restored from models.releases). Stores the screener
 * owns use its own internal formats, so no registry subject is ever needed for a changelog topic.
 *
 * <p>{@code xrfReading} is used only to decode: readings are consumed as raw bytes so that a bad one can go to the
 * DLQ unchanged.
 */
public record ScreenerSerdes(Serde<XrfReading> xrfReading, Serde<LotInfo> lotInfo, Serde<LotComposition> lotComposition,
                             Serde<ReePrediction> reePrediction, Serde<HighReeAlert> highReeAlert,
                             Serde<ModelRelease> modelRelease) {

    public ScreenerSerdes {
        Objects.requireNonNull(xrfReading, "xrfReading");
        Objects.requireNonNull(lotInfo, "lotInfo");
        Objects.requireNonNull(lotComposition, "lotComposition");
        Objects.requireNonNull(reePrediction, "reePrediction");
        Objects.requireNonNull(highReeAlert, "highReeAlert");
        Objects.requireNonNull(modelRelease, "modelRelease");
    }

    /** Registry-backed serdes (Confluent wire format, subjects {@code <topic>-value}). */
    public static ScreenerSerdes fromRegistry(RegistrySerdes registry) {
        return new ScreenerSerdes(registry.valueSerde(XrfReading.class), registry.valueSerde(LotInfo.class),
                registry.valueSerde(LotComposition.class), registry.valueSerde(ReePrediction.class),
                registry.valueSerde(HighReeAlert.class), registry.valueSerde(ModelRelease.class));
    }
}
