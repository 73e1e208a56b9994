package io.reescreen.screener.errors;

import io.reescreen.screener.reasons.ProductionErrorReason;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an output record that cannot be written, decided per cause and counted by
 * {@link ProductionErrorReason} (Kafka 3.9.1 semantics, read from its sources):
 * <ul>
 *   <li>Serialization failed, or {@link RecordLimitProducer} refused an oversize record: nothing reached the
 *       producer, the transaction is intact; the record is dropped (logged, counted) and the stream goes on.</li>
 *   <li>The producer or broker refused a record it was given, under exactly-once: the producer has already put its
 *       transaction into an abortable error state, so CONTINUE could not save it (the next send and the commit fail,
 *       the stream thread dies anyway, and every record of the transaction is processed again). The handler says
 *       FAIL, with the reason, so the failure is immediate and named; the stream-failure watch then fails liveness.</li>
 *   <li>The same under at-least-once: no transaction, so the record is dropped (logged, counted) and the stream goes
 *       on.</li>
 *   <li>Authentication or authorization: every later record would fail as well; FAIL.</li>
 * </ul>
 */
public final class ProductionErrorPolicy implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionErrorPolicy.class);
    private ScreenerMetrics metrics = ScreenerMetrics.noop();
    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = HandlerMetrics.from(configs);
        Object guarantee = configs == null ? null : configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee != null && guarantee.toString().trim().toLowerCase(Locale.ROOT).startsWith("exactly_once");
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return sendFailed(record, exception);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ProductionExceptionHandlerResponse handle(ProducerRecord<byte[], byte[]> record, Exception exception) {
        return sendFailed(record, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        return dropped(ProductionErrorReason.SERIALIZATION, record,
                "its " + origin.name().toLowerCase(Locale.ROOT) + " could not be serialised", exception);
    }

    @Override
    @SuppressWarnings({"deprecation", "rawtypes"})
    public ProductionExceptionHandlerResponse handleSerializationException(ProducerRecord record, Exception exception) {
        return dropped(ProductionErrorReason.SERIALIZATION, record, "it could not be serialised", exception);
    }

    private ProductionExceptionHandlerResponse sendFailed(ProducerRecord<?, ?> record, Exception exception) {
        if (exception instanceof RecordLimitProducer.OversizeRecordException oversize) {
            return dropped(ProductionErrorReason.RECORD_TOO_LARGE, record, oversize.sizeBytes()
                    + " bytes is above the limit of " + oversize.limitBytes() + " bytes", null);
        }
        if (exception instanceof AuthorizationException || exception instanceof AuthenticationException) {
            return failed(ProductionErrorReason.NOT_AUTHORIZED, record, exception, "every later record would fail too");
        }
        if (exactlyOnce) {
            return failed(ProductionErrorReason.SEND_FAILED, record, exception, "under exactly-once the producer "
                    + "has already aborted this transaction, which no answer of this handler can save; the stream "
                    + "thread stops and its records are processed again after a restart");
        }
        return dropped(ProductionErrorReason.SEND_FAILED, record, "the producer refused it", exception);
    }

    private ProductionExceptionHandlerResponse dropped(ProductionErrorReason reason, ProducerRecord<?, ?> record,
                                                       String why, Exception exception) {
        metrics.recordSkipped("production");
        metrics.productionError(reason.tag(), true);
        String what = changelog(record) ? "changelog record (the store keeps the value, its changelog does not)"
                : "record";
        if (exception == null) {
            LOG.error("dropped a {} to {} ({}): {}", what, record.topic(), reason.tag(), why);
        } else {
            LOG.error("dropped a {} to {} ({}): {}", what, record.topic(), reason.tag(), why, exception);
        }
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    private ProductionExceptionHandlerResponse failed(ProductionErrorReason reason, ProducerRecord<?, ?> record,
                                                      Exception exception, String why) {
        metrics.productionError(reason.tag(), false);
        LOG.error("cannot write a record to {} ({}): {}; {}", record.topic(), reason.tag(), exception, why);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    private static boolean changelog(ProducerRecord<?, ?> record) {
        return record.topic() != null && record.topic().endsWith("-changelog");
    }
}
