package io.reescreen.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

/** The machine's 1-minute load average at the start, its maximum sampled every 5 s, and at the end (/proc/loadavg). */
final class LoadSampler {

    private final double atStart;
    private final DoubleAccumulator max = new DoubleAccumulator(Math::max, 0);
    private final ScheduledExecutorService sampler;
    private volatile double atEnd = Double.NaN;

    private LoadSampler() {
        this.atStart = now();
        max.accumulate(atStart);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> max.accumulate(now()), 5, 5, TimeUnit.SECONDS);
    }

    static LoadSampler start() {
        return new LoadSampler();
    }

    void stop() {
        sampler.shutdownNow();
        atEnd = now();
        max.accumulate(atEnd);
    }

    double atStart() {
        return atStart;
    }

    double max() {
        return max.get();
    }

    double atEnd() {
        return atEnd;
    }

    /** NaN where /proc/loadavg is not there (not Linux). */
    static double now() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
