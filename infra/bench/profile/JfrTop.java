import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The top frames of a JFR recording as Markdown tables: self and inclusive share of the stack samples of some threads,
 * a breakdown by category, allocation by class and site, GC pauses and CPU load over the same window.
 *
 * <p>A single-file program (run as {@code java infra/bench/profile/JfrTop.java REC.jfr [options]}), not part of the
 * build: it reads only the JDK's own {@code jdk.jfr.consumer} API. Java samples ({@code jdk.ExecutionSample}) and native
 * samples ({@code jdk.NativeMethodSample}, e.g. a thread inside PyTorch or RocksDB) are counted together, which is
 * right only when both have the same period (infra/bench/profile/reescreen.jfc sets 2 ms for both).
 *
 * <pre>
 *   --threads REGEX     only samples of threads whose name matches (default: all)
 *   --within REGEX      only samples whose stack has a frame "package.Class.method" matching (default: all)
 *   --top N             rows per table (default 25)
 *   --category L=REGEX  a category (repeatable, in order): a sample goes to the first category, walking its stack
 *                       from the leaf, of whose regex a frame matches; else "other"
 *   --events E          java, native or all (default all)
 *   --native-weight W   count each native sample W times (default 1; see below)
 * </pre>
 *
 * <p>JDK 17's sampler takes at most one thread in native code per period (and up to five in Java): in a JVM with many
 * threads parked in native epoll (an embedded broker) a thread's native time is under-counted by about the number of
 * threads in native. {@code --native-weight} puts it back, with the weight measured on a thread that is always in
 * native (its samples per period, inverted); infra/bench/results/profile.md shows how.
 */
public final class JfrTop {

    private static final String JAVA = "jdk.ExecutionSample";
    private static final String NATIVE = "jdk.NativeMethodSample";

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java JfrTop.java REC.jfr [--threads REGEX] [--within REGEX] [--top N] [--category L=REGEX]...");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Pattern threads = Pattern.compile(".*");
        Pattern within = null;
        int top = 25;
        String events = "all";
        double nativeWeight = 1;
        Map<String, Pattern> categories = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Pattern.compile(value);
                case "--within" -> within = Pattern.compile(value);
                case "--top" -> top = Integer.parseInt(value);
                case "--events" -> events = value;
                case "--native-weight" -> nativeWeight = Double.parseDouble(value);
                case "--category" -> {
                    int eq = value.indexOf('=');
                    categories.put(value.substring(0, eq), Pattern.compile(value.substring(eq + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        List<RecordedEvent> samples = new ArrayList<>();
        List<RecordedEvent> allocations = new ArrayList<>();
        List<RecordedEvent> collections = new ArrayList<>();
        List<RecordedEvent> cpu = new ArrayList<>();
        List<RecordedEvent> threadCpu = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                switch (e.getEventType().getName()) {
                    case JAVA, NATIVE -> {
                        boolean wanted = events.equals("all") || events.equals(e.getEventType().getName().equals(JAVA) ? "java" : "native");
                        if (wanted && matches(e, "sampledThread", threads, within)) {
                            samples.add(e);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        if (matches(e, "eventThread", threads, within)) {
                            allocations.add(e);
                        }
                    }
                    case "jdk.GarbageCollection" -> collections.add(e);
                    case "jdk.CPULoad" -> cpu.add(e);
                    case "jdk.ThreadCPULoad" -> {
                        RecordedThread t = e.getThread("eventThread");
                        if (t != null && t.getJavaName() != null && threads.matcher(t.getJavaName()).matches()) {
                            threadCpu.add(e);
                        }
                    }
                    default -> { }
                }
            }
        }
        if (samples.isEmpty()) {
            System.out.println("No stack samples match.");
            return;
        }

        Instant from = samples.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Instant to = samples.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo).orElseThrow();
        double windowSeconds = Math.max(1e-3, Duration.between(from, to).toNanos() / 1e9);

        Map<String, Double> self = new HashMap<>();
        Map<String, Double> total = new HashMap<>();
        Map<String, Double> byCategory = new LinkedHashMap<>();
        categories.keySet().forEach(c -> byCategory.put(c, 0.0));
        byCategory.put("other", 0.0);
        Map<String, Double> perThread = new HashMap<>();
        double weighted = 0;
        int nativeSamples = 0;
        int truncated = 0;
        for (RecordedEvent e : samples) {
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (e.getStackTrace().isTruncated()) {
                truncated++;
            }
            double w = 1;
            if (e.getEventType().getName().equals(NATIVE)) {
                nativeSamples++;
                w = nativeWeight;
            }
            weighted += w;
            perThread.merge(e.getThread("sampledThread").getJavaName(), w, Double::sum);
            self.merge(key(frames.get(0)), w, Double::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(key(f))) {
                    total.merge(key(f), w, Double::sum);
                }
            }
            byCategory.merge(category(frames, categories), w, Double::sum);
        }

        double n = weighted;
        System.out.printf(Locale.ROOT, "%d stack samples (%d Java, %d native%s) over %.1f s, %d threads%s%n%n",
                samples.size(), samples.size() - nativeSamples, nativeSamples,
                nativeWeight == 1 ? "" : String.format(Locale.ROOT, ", each counted %.1f times", nativeWeight),
                windowSeconds, perThread.size(),
                truncated > 0 ? String.format(Locale.ROOT, "; %d stacks truncated", truncated) : "");
        if (!categories.isEmpty()) {
            System.out.println("| category | share of samples |\n|---|---|");
            byCategory.forEach((c, count) -> System.out.printf(Locale.ROOT, "| %s | %.1f %% |%n", c, 100.0 * count / n));
            System.out.println();
        }
        table("thread", perThread, n, Math.min(top, 10));
        table("frame (self)", self, n, top);
        table("frame (inclusive)", total, n, top);

        long allocated = 0;
        Map<String, Long> byClass = new HashMap<>();
        Map<String, Long> bySite = new HashMap<>();
        for (RecordedEvent e : allocations) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            long weight = e.getLong("weight");
            allocated += weight;
            byClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null) {
                bySite.merge(site(stack.getFrames()), weight, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "Allocation (sampled, weighted): %.1f MB/s by these threads over the window%n%n",
                allocated / windowSeconds / 1e6);
        if (allocated > 0) {
            longTable("allocated class", byClass, allocated, Math.min(top, 12));
            longTable("allocation site (first frame outside java.*, jdk.*, sun.*)", bySite, allocated, Math.min(top, 12));
        }

        double pauses = 0;
        int gcs = 0;
        for (RecordedEvent e : collections) {
            if (!e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to)) {
                pauses += e.getDuration("sumOfPauses").toNanos() / 1e9;
                gcs++;
            }
        }
        System.out.printf(Locale.ROOT, "GC: %d collections, pauses %.3f s = %.1f %% of the window%n", gcs, pauses,
                100 * pauses / windowSeconds);
        double machine = cpu.stream().filter(e -> inside(e, from, to)).mapToDouble(e -> e.getFloat("machineTotal"))
                .average().orElse(Double.NaN);
        double jvm = cpu.stream().filter(e -> inside(e, from, to))
                .mapToDouble(e -> e.getFloat("jvmUser") + e.getFloat("jvmSystem")).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "CPU over the window (share of all cores): machine %.0f %%, this JVM %.0f %%%n",
                100 * machine, 100 * jvm);
        Map<String, double[]> loads = new HashMap<>();
        for (RecordedEvent e : threadCpu) {
            if (inside(e, from, to)) {
                double[] sum = loads.computeIfAbsent(e.getThread("eventThread").getJavaName(), t -> new double[2]);
                sum[0] += e.getFloat("user") + e.getFloat("system");
                sum[1]++;
            }
        }
        loads.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(top).forEach(t -> System.out.printf(Locale.ROOT,
                "  thread %s: %.0f %% of all cores (mean of %d 1-s readings)%n", t.getKey(),
                100 * t.getValue()[0] / t.getValue()[1], (int) t.getValue()[1]));
    }

    private static boolean matches(RecordedEvent e, String threadField, Pattern threads, Pattern within) {
        RecordedThread t = e.getThread(threadField);
        RecordedStackTrace stack = e.getStackTrace();
        if (t == null || t.getJavaName() == null || stack == null || stack.getFrames().isEmpty()
                || !threads.matcher(t.getJavaName()).matches()) {
            return false;
        }
        return within == null || stack.getFrames().stream().anyMatch(f -> within.matcher(key(f)).find());
    }

    private static boolean inside(RecordedEvent e, Instant from, Instant to) {
        return !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to);
    }

    private static String key(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String category(List<RecordedFrame> frames, Map<String, Pattern> categories) {
        for (RecordedFrame f : frames) {
            String k = key(f);
            for (Map.Entry<String, Pattern> c : categories.entrySet()) {
                if (c.getValue().matcher(k).find()) {
                    return c.getKey();
                }
            }
        }
        return "other";
    }

    // The JDK's collections allocate on someone's behalf: name that someone.
    private static String site(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String k = key(f);
            if (!k.startsWith("java.") && !k.startsWith("jdk.") && !k.startsWith("sun.")) {
                return k;
            }
        }
        return frames.isEmpty() ? "?" : key(frames.get(0));
    }

    private static void table(String title, Map<String, Double> counts, double n, int top) {
        System.out.println("| " + title + " | share of samples |\n|---|---|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(c -> System.out.printf(Locale.ROOT, "| `%s` | %.1f %% |%n", c.getKey(), 100.0 * c.getValue() / n));
        System.out.println();
    }

    private static void longTable(String title, Map<String, Long> weights, long sum, int top) {
        System.out.println("| " + title + " | share of bytes |\n|---|---|");
        weights.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(c -> System.out.printf(Locale.ROOT, "| `%s` | %.1f %% |%n", c.getKey(), 100.0 * c.getValue() / sum));
        System.out.println();
    }
}
