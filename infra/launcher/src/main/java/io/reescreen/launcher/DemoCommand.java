package io.reescreen.launcher;

import io.reescreen.retrainer.app.RetrainerService;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.XrfSimulator;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import io.reescreen.streams.ServiceConnections;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the whole system on this machine: the embedded broker and registry with every topic, the screener
 * service (with a synthetic bootstrap model until a release arrives), the retrainer, XRF analyzers simulated over a
 * mix of lots at three sites, a lab that reports on every lot a little later (each site off the bootstrap's truth by
 * its own factor, so each site gets its own model), a second wave of lots screened by those site models and reported
 * too ({@link DemoTimeline}), and the operator's view of predictions, alerts, dead letters, model releases and the
 * realised accuracy per site before and after. Runs until Ctrl-C, then stops everything in reverse order.
 *
 * <p>With {@code --secure} the same over a secured stack: every client reaches it as a user's would, the services
 * through {@code reescreen.kafka.config} and {@code reescreen.registry.config} naming the stack's client settings files
 * (SCRAM-SHA-512 over SASL_SSL, the HTTPS registry with basic credentials), the simulators, the lab and the operator's
 * view through the same files.
 */
@Command(name = "demo",
        description = "the whole system on this machine: embedded Kafka and registry, screener, retrainer, XRF and lab "
                + "simulators, live view",
        customSynopsis = {
                "./reescreen demo [--kafka-port N] [--registry-port N] [--http-port N] [--work-dir DIR]",
                "                        [--lots 36] [--rate 5] [--bad-fraction 0.03] [--lab-after 45]",
                "                        [--stack-only] [--secure]"},
        footer = {"The demo ends by itself, loudly and with exit status 3, if the screener's or the retrainer's streams",
                "stop for good (ERROR, a dead stream thread)."})
final class DemoCommand implements Callable<Integer> {

    /** Each site's model is retrained per that site's lab results: ten is the fewest a transfer is judged on. */
    private static final int RETRAIN_EVERY = 10;


    private static final String LOOPBACK = "127.0.0.1";
    private static final long FIRST_WAVE_SEED = 42;
    private static final long SECOND_WAVE_SEED = 43;

    private final Terminal terminal;

    @Option(names = "--kafka-port", paramLabel = "N", description = "Kafka listener port (default: a free port)")
    private int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "N", description = "schema registry HTTP port (default: a free port)")
    private int registryPort;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080", description = "the screener's HTTP port on "
            + "127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one); the retrainer's is the next one (default 8081)")
    private int httpPort;

    @Option(names = "--work-dir", paramLabel = "DIR", description = {
            "keep the broker's data, the services' state and the bootstrap model here, and",
            "reuse them on the next run with the same DIR (default: a temporary folder, deleted on stop)"})
    private Path workDirOption;

    @Option(names = "--lots", paramLabel = "N", defaultValue = "36",
            description = "simulated lots, spread over the simulator's sites (default ${DEFAULT-VALUE}: 12 at each of "
                    + "YARD-A, YARD-B, YARD-C; about a third REE-rich)")
    private int lots;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "5",
            description = "simulated XRF readings per second (default ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--bad-fraction", paramLabel = "F", defaultValue = "0.03", description = "share of readings made "
            + "bad on purpose, to show the dead-letter topic (default ${DEFAULT-VALUE})")
    private double badFraction;

    @Option(names = "--lab-after", paramLabel = "S", defaultValue = "45", description = "seconds until the simulated "
            + "lab reports ICP-MS results for every lot, each site's results off what the bootstrap model knows by its own "
            + "factor (YARD-A 0.75, YARD-B 1.35, YARD-C 1.0); the retrainer makes each site's model, the screener swaps them in, "
            + "a second wave of --lots new lots is screened by them and the lab reports on it too (default "
            + "${DEFAULT-VALUE}; 0: no lab results, one wave)")
    private int labAfter;

    @Option(names = "--stack-only", arity = "0..1", paramLabel = "true|false", description = "only the broker, "
            + "registry and topics (for your own clients; see also ./reescreen stack); --stack-only true as before")
    private boolean stackOnly;

    @Option(names = "--secure", description = {"the same over a secured stack: Kafka over SASL_SSL (SCRAM-SHA-512) and",
            "mutual TLS, the registry over HTTPS with basic authentication; every client uses the stack's",
            "client settings files in DIR/security, as ./reescreen stack --secure prints them"})
    private boolean secure;

    DemoCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        if (lots < 1 || !(rate > 0) || badFraction < 0 || badFraction >= 1 || labAfter < 0) {
            throw new UsageError("--lots >= 1, --rate > 0, 0 <= --bad-fraction < 1, --lab-after >= 0");
        }
        String busy = busyPort(httpPort, labAfter > 0 && !stackOnly, kafkaPort, registryPort, stackOnly);
        if (busy != null) {
            throw new UserError(busy);
        }
        boolean temporary = workDirOption == null;
        Path workDir = temporary ? Files.createTempDirectory("reescreen-demo-") : Files.createDirectories(workDirOption);

        out.println("reescreen demo: starting the embedded Kafka broker (KRaft) and Apicurio Registry"
                + (secure ? ", secured" : "") + "...");
        EmbeddedStack stack = secure
                ? EmbeddedStack.startSecured(workDir, temporary, kafkaPort, registryPort, Topics.ALL)
                : EmbeddedStack.start(workDir, temporary, kafkaPort, registryPort, Topics.ALL);
        // Everything started from here on is stopped in reverse order by one hook.
        Deque<AutoCloseable> running = new ArrayDeque<>();
        running.push(stack);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println();
            out.println("reescreen demo: stopping...");
            while (!running.isEmpty()) {
                try {
                    running.pop().close();
                } catch (Exception e) {
                    err.println("reescreen demo: while stopping: " + e);
                }
            }
            out.println("reescreen demo: stopped (simulators, retrainer, screener, broker and registry shut down"
                    + (temporary ? ", work folder deleted" : ", data kept in " + workDir) + ")");
            out.flush();
        }, "demo-shutdown"));

        StackBanner.print(stack, workDir, out);
        if (stackOnly) {
            out.println("Only the broker and registry run (--stack-only). Press Ctrl-C to stop.");
            out.flush();
            return Reescreen.KEEP_RUNNING;
        }

        KafkaConnection kafka = kafkaConnection(stack);
        RegistrySerdes serdes = new RegistrySerdes(registryConnection(stack), true);
        out.println("The screener and the retrainer share a small SYNTHETIC bootstrap model until a model release arrives.");
        long t0 = System.nanoTime();
        Path bootstrapFile = workDir.resolve("bootstrap.model");
        BootstrapModelFile.ensure(bootstrapFile, out);
        // The board's acknowledgements need an operator token: a fresh one per demo, printed below.
        byte[] tokenBytes = new byte[12];
        new SecureRandom().nextBytes(tokenBytes);
        String operatorToken = HexFormat.of().formatHex(tokenBytes);
        Map<String, Object> screenerSettings = serviceConnection(stack);
        screenerSettings.putAll(Map.ofEntries(
                Map.entry("reescreen.screener.board.operator-token", operatorToken),
                Map.entry("micronaut.server.port", httpPort),
                // Like the broker and the registry: nothing of the demo listens beyond this machine.
                Map.entry("micronaut.server.host", LOOPBACK),
                Map.entry("reescreen.screener.advertised-host", LOOPBACK),
                Map.entry("reescreen.screener.instance-name", "demo"),
                Map.entry("kafka.streams.screener.application.id", "reescreen-demo-screener"),
                Map.entry("kafka.streams.screener.state.dir", workDir.resolve("screener-state").toString()),
                Map.entry("reescreen.screener.bootstrap-model", bootstrapFile.toString()),
                // The simulator publishes every lot before its readings, so a reading for an unknown lot is bad input.
                Map.entry("reescreen.screener.require-lot-info", true)));
        ScreenerService screener = ScreenerService.start(screenerSettings);
        running.push(screener);
        screener.awaitRunning(Duration.ofMinutes(5));
        out.printf(Locale.ROOT, "Screener running in %.1f s: model %s; HTTP %s (GET /lots/{lotId}, /model, /health, /prometheus)%n",
                (System.nanoTime() - t0) / 1e9, screener.model().info().version(), screener.uri());
        out.printf(Locale.ROOT, "Yard board: %s (open it in a browser; operator token for acknowledging alerts: %s)%n",
                screener.uri(), operatorToken);

        RetrainerService retrainer = null;
        if (labAfter > 0) {
            Map<String, Object> retrainerSettings = serviceConnection(stack);
            retrainerSettings.putAll(Map.of(
                    "micronaut.server.port", httpPort == 0 ? 0 : httpPort + 1,
                    "micronaut.server.host", LOOPBACK,
                    "reescreen.retrainer.instance-name", "demo",
                    "kafka.streams.retrainer.application.id", "reescreen-demo-retrainer",
                    "kafka.streams.retrainer.state.dir", workDir.resolve("retrainer-state").toString(),
                    "reescreen.retrainer.bootstrap-model", bootstrapFile.toString(),
                    "reescreen.retrainer.retrain-every", RETRAIN_EVERY));
            retrainer = RetrainerService.start(retrainerSettings);
            running.push(retrainer);
            retrainer.awaitReady(Duration.ofMinutes(2));
            out.printf(Locale.ROOT, "Retrainer running: champion %s, retrains a site's model every %d new lab results of "
                    + "that site; HTTP %s "
                    + "(GET /retrain, /retrain/history; POST /retrain needs reescreen.retrainer.auth-token)%n",
                    retrainer.runtime().champion().version(), RETRAIN_EVERY, retrainer.uri());
        }

        // Streams that stop for good end the demo loudly (exit status 3) rather than freezing the operator's view.
        StreamsAlarm alarm = new StreamsAlarm(out, err, System::exit, Duration.ofSeconds(1))
                .watch("screener", screener::streamsFailure);
        if (retrainer != null) {
            RetrainerService watchedRetrainer = retrainer;
            alarm.watch("retrainer", () -> Optional.ofNullable(watchedRetrainer.runtime().streamsDead()));
        }
        running.push(alarm.start());

        OperatorView view = new OperatorView(kafka, serdes, out);
        running.push(view);
        Thread viewThread = new Thread(view, "operator-view");
        viewThread.setDaemon(true);
        viewThread.start();

        SimulationPlan plan = wave(FIRST_WAVE_SEED);
        XrfSimulator simulator = new XrfSimulator(kafka, serdes, plan, Map.of());
        running.push(simulator);
        simulator.start();
        out.printf(Locale.ROOT, "XRF simulator: %d analyzers shooting %d lots at %.1f readings/s, %.0f %% bad on purpose.%n",
                plan.analyzers().size(), plan.lots().size(), rate, 100 * badFraction);
        if (retrainer != null) {
            LabDesk lab = new LabDesk(kafka, serdes, retrainer, out);
            running.push(lab);
            lab.start();
            DemoTimeline timeline = new DemoTimeline(Duration.ofSeconds(labAfter), simulator,
                    () -> new XrfSimulator(kafka, serdes, wave(SECOND_WAVE_SEED), Map.of()), lab,
                    screener, out);
            running.push(timeline);
            timeline.start();
            out.printf(Locale.ROOT, "Lab simulator: ICP-MS results for all %d lots in %d s, each site's results off the "
                    + "bootstrap's truth by its own factor (%s); then a second wave of %d new lots, screened by the site models, "
                    + "and the lab's results for them.%n", plan.lots().size(), labAfter, offsets(plan), lots);
        }
        out.println("Alerts, dead letters and model releases print as they happen; the lot table every 10 s. Press Ctrl-C to stop.");
        out.println();
        out.flush();
        return Reescreen.KEEP_RUNNING;
    }

    /**
     * Where the services find the broker and the registry, as a user would set them: on a secured stack, the paths of
     * its client settings files (the services read them; their passwords stay in the files). A mutable map: each service
     * adds its own settings.
     */
    private static Map<String, Object> serviceConnection(EmbeddedStack stack) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ServiceConnections.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(ServiceConnections.REGISTRY_URL, stack.registryUrl());
        if (stack.isSecured()) {
            settings.put(ServiceConnections.KAFKA_CONFIG,
                    stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512).toString());
            settings.put(ServiceConnections.REGISTRY_CONFIG, stack.security().registryClientFile().toString());
        }
        return settings;
    }

    /** The same broker for the demo's own clients (simulators, lab, operator's view), from the same file. */
    private static KafkaConnection kafkaConnection(EmbeddedStack stack) {
        return stack.isSecured()
                ? KafkaConnection.of(stack.bootstrapServers(),
                        KafkaClientSecurity.load(stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512)))
                : KafkaConnection.plaintext(stack.bootstrapServers());
    }

    private static RegistryConnection registryConnection(EmbeddedStack stack) {
        return stack.isSecured()
                ? RegistryConnection.of(stack.registryUrl(), RegistryClientSettings.load(stack.security().registryClientFile()))
                : RegistryConnection.open(stack.registryUrl());
    }

    /** A wave of lots over the simulator's sites, shot until stopped (each wave's lot ids are its own run's). */
    private SimulationPlan wave(long seed) {
        return SimulationPlan.builder()
                .lotMix(LotMix.of(lots, 1.0 / 3, seed))
                .readingsPerSecond(rate)
                .badInputFraction(badFraction)
                .untilStopped()
                .recordReadingIds(false)
                .build();
    }

    private static String offsets(SimulationPlan plan) {
        return plan.lots().stream().map(l -> l.siteId()).distinct().sorted()
                .map(site -> String.format(Locale.ROOT, "%s %.2f", site, LabDesk.OFFSETS.factor(site)))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The first port the demo needs that is taken, as a one-line complaint naming the flag; null when all are free. */
    private static String busyPort(int httpPort, boolean retrainer, int kafkaPort, int registryPort, boolean stackOnly) {
        String complaint = PortCheck.complaint(LOOPBACK, kafkaPort, "Kafka", "--kafka-port");
        if (complaint == null) {
            complaint = PortCheck.complaint(LOOPBACK, registryPort, "the schema registry", "--registry-port");
        }
        if (complaint == null && !stackOnly) {
            complaint = PortCheck.complaint(LOOPBACK, httpPort, "the screener's HTTP port", "--http-port");
        }
        if (complaint == null && retrainer && httpPort != 0) {
            complaint = PortCheck.isFree(LOOPBACK, httpPort + 1) ? null : "port " + (httpPort + 1)
                    + " (the retrainer's HTTP port, the one after --http-port) is in use on " + LOOPBACK
                    + "; choose another with --http-port N (the retrainer takes N+1; 0 picks free ones)";
        }
        return complaint;
    }
}
