package io.reescreen.screener.testing;

import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.topology.ScreenerSerdes;

/** The topology's serdes without a registry. */
public final class TestSerdes {

    public static final AvroBinarySerde<XrfReading> READING = new AvroBinarySerde<>(XrfReading.class);
    public static final AvroBinarySerde<LotInfo> LOT_INFO = new AvroBinarySerde<>(LotInfo.class);
    public static final AvroBinarySerde<LotComposition> COMPOSITION = new AvroBinarySerde<>(LotComposition.class);
    public static final AvroBinarySerde<ReePrediction> PREDICTION = new AvroBinarySerde<>(ReePrediction.class);
    public static final AvroBinarySerde<HighReeAlert> ALERT = new AvroBinarySerde<>(HighReeAlert.class);
    public static final AvroBinarySerde<ModelRelease> RELEASE = new AvroBinarySerde<>(ModelRelease.class);

    private TestSerdes() {
    }

    public static ScreenerSerdes avro() {
        return new ScreenerSerdes(READING, LOT_INFO, COMPOSITION, PREDICTION, ALERT, RELEASE);
    }
}
