package io.reescreen.bench.memory;

import io.reescreen.bench.ReleaseRecords;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.release.ReleaseKey;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one model artifact as the site model of N sites on {@code models.releases}, as the retrainer publishes a
 * site's transfer (key {@code modelName@siteId}). The screener loads each release as a model of its own, so N
 * releases of one artifact cost it what N sites' transfers of the same size would.
 */
final class SiteReleases {

    /** The screener's default model name (reescreen.screener.model-name). */
    static final String MODEL_NAME = "ree-mtnn";

    private SiteReleases() {
    }

    /** @return the site ids, MEM-SITE-01 ... */
    static List<String> publish(String bootstrap, String registryUrl, ModelArtifact artifact, int sites)
            throws Exception {
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        List<String> ids = new ArrayList<>();
        RegistrySerdes serdes = new RegistrySerdes(registryUrl, true);
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serdes.valueSerde(ModelRelease.class).serializer())) {
            for (int i = 1; i <= sites; i++) {
                String site = String.format(Locale.ROOT, "MEM-SITE-%02d", i);
                ModelRelease release = ReleaseRecords.publish(artifact, bytes, MODEL_NAME, "bench-memory-" + site,
                        "bench memory: site model " + i + " of " + sites).setSiteId(site).build();
                producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), ReleaseKey.of(release).toString(),
                        release)).get();
                ids.add(site);
            }
        }
        return ids;
    }
}
