package io.reescreen.bench.sites;

import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.training.RetrainingOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The sites benchmark's tables and summary, from its runs. */
final class SitesReport {

    /** One site of one run, as the report shows it. */
    record SiteRow(String site, double labOffset, SiteAccuracy before, SiteAccuracy after, String inForce,
                   double timeToNewModelS, boolean sameAsBase) {
    }

    /** One run: a seed under a strategy and an arrival order; {@code failure} set when it did not finish. */
    record Run(int seed, Strategy strategy, ArrivalOrder order, List<SiteRow> sites, String attempts, int joined,
               int comparisons, boolean comparedAreJoined, double seconds, Optional<String> failure) {

        static Run of(int seed, ScenarioOutcome o) {
            List<SiteRow> rows = new ArrayList<>();
            for (SiteOutcome s : o.sites()) {
                String inForce = s.ownModel().isPresent() ? "own model"
                        : s.versionInForce().equals(o.baseVersion()) ? "base" : "new global model";
                rows.add(new SiteRow(s.site().id(), s.site().labOffset(), s.before(), s.after(), inForce, s.timeToNewModelS(),
                        s.sameAsBaseExactly()));
            }
            String attempts = o.attempts().stream().map(SitesReport::attempt).collect(Collectors.joining("; "));
            return new Run(seed, o.settings().strategy(), o.settings().order(), rows, attempts, o.joinedLabResults(),
                    o.comparisons(), o.comparedAreJoined(), o.seconds(), Optional.empty());
        }

        static Run failed(int seed, SitesScenario.Settings s, String why) {
            return new Run(seed, s.strategy(), s.order(), List.of(), "", 0, 0, false, Double.NaN, Optional.of(why));
        }
    }

    private final SitesBenchmark.Settings settings;
    private final BootstrapModel.SyntheticSpecification base;
    private final List<Run> runs;

    SitesReport(SitesBenchmark.Settings settings, BootstrapModel.SyntheticSpecification base, List<Run> runs) {
        this.settings = settings;
        this.base = base;
        this.runs = List.copyOf(runs);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Three sites whose labs read 0.75 × (YARD-A), 1.35 × (YARD-B) and 1.0 × "
                + "(YARD-C) the synthetic truth the base model was trained on. The screener and the retrainer run in "
                + "one process on a fresh embedded broker and registry per run, both starting from the services' default "
                + "synthetic bootstrap (%s). Phase 1: %d lots per site (4 XRF readings each) screened by the base model, "
                + "then their lab results, all interleaved or one site after another (the next site's only once the "
                + "retrainer has judged what the previous ones triggered); the retrainer's retrain-every is %d, its gate "
                + "and recipe its defaults. Phase 2: %d new lots per site screened by the models then in force; "
                + "**before** is the base model on the same new lots (their lot.compositions scored in-process with the "
                + "screener's own scoring), **after** the screener's predictions. Seeds 101..%d: one seed's lots are "
                + "the same under both strategies and both orders.%n%n", base, settings.lotsPerSite(), settings.lotsPerSite(),
                settings.newLotsPerSite(), 100 + settings.seeds()));
        md.append("Strategies: **(a) global**, `reescreen.retrainer.site-models=false`: every lab result, whatever its "
                + "site, transfers the one base model, which serves every site (the behaviour before issue 12); "
                + "**(b) per site** (the default): each site's lab results transfer the base model into that site's own "
                + "model, judged on that site's held-out examples; the base keeps serving sites without one.\n\n");
        md.append("Units: MAE/mean of total REE = sum |predicted − lab| / sum lab, % (lab = the simulated lab's "
                + "value without its analytical noise: truth × the site's factor); 90 % coverage = share of lab values "
                + "inside the prediction's 5–95 % interval, %; width = mean (p95 − p05) / predicted mean, % of the "
                + "prediction; time to new model = seconds from the broker's acknowledgement of the site's N-th lab "
                + "result to the first prediction of one of the site's lots (a pulse of 12 readings/s over one lot per "
                + "site) by a model released after it.\n\n");
        table(md);
        summary(md);
        perRun(md);
        return md.toString();
    }

    private void table(StringBuilder md) {
        md.append("## Per site: before and after, both strategies, both orders\n\n");
        md.append("Means over the seeds that finished (per-seed values in the table below it).\n\n");
        md.append("| strategy | order | site (lab ×) | model in force after | MAE/mean %, before → after | 90 % coverage %, "
                + "before → after | width % of prediction, before → after | time to new model, s (median) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Strategy strategy : Strategy.values()) {
            for (ArrivalOrder order : ArrivalOrder.values()) {
                List<Run> done = finished(strategy, order);
                if (done.isEmpty()) {
                    md.append("| ").append(strategy.label()).append(" | ").append(order.label())
                            .append(" | all | no run finished | | | | |\n");
                    continue;
                }
                for (int i = 0; i < done.get(0).sites().size(); i++) {
                    int site = i;
                    List<SiteRow> rows = done.stream().map(r -> r.sites().get(site)).toList();
                    SiteRow first = rows.get(0);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s (%.2f) | %s | %s | %s | %s | %s |%n",
                            strategy.label(), order.label(), first.site(), first.labOffset(), inForce(rows),
                            arrow(rows, r -> r.before().maeOverMeanPct(), r -> r.after().maeOverMeanPct()),
                            arrow(rows, r -> r.before().coverage90Pct(), r -> r.after().coverage90Pct()),
                            arrow(rows, r -> r.before().meanWidthPct(), r -> r.after().meanWidthPct()),
                            time(rows)));
                }
            }
        }
        md.append('\n');
    }

    private void summary(StringBuilder md) {
        md.append("## What this shows\n\n");
        headline(md);
        for (Strategy strategy : Strategy.values()) {
            for (ArrivalOrder order : ArrivalOrder.values()) {
                List<Run> done = finished(strategy, order);
                if (done.isEmpty()) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < done.get(0).sites().size(); i++) {
                    int site = i;
                    List<SiteRow> rows = done.stream().map(r -> r.sites().get(site)).toList();
                    SiteRow first = rows.get(0);
                    long own = rows.stream().filter(r -> r.inForce().equals("own model")).count();
                    long below = rows.stream().filter(r -> r.after().maeOverMeanPct() < 0.75 * r.before().maeOverMeanPct())
                            .count();
                    long rose = rows.stream().filter(r -> r.after().maeOverMeanPct() > r.before().maeOverMeanPct()).count();
                    parts.add(String.format(Locale.ROOT, "%s: after/before MAE/mean %.2f (mean), below 0.75 in %d of %d, "
                                    + "higher than before in %d, served by its own model in %d", first.site(),
                            mean(rows.stream().mapToDouble(r -> r.after().maeOverMeanPct() / r.before().maeOverMeanPct())
                                    .toArray()), below, rows.size(), rose, own));
                }
                long compared = done.stream().filter(r -> r.comparedAreJoined() && r.comparisons() == r.joined()).count();
                md.append("- **").append(strategy.label()).append(", ").append(order.label()).append("** (")
                        .append(done.size()).append(" runs): ").append(String.join("; ", parts))
                        .append(String.format(Locale.ROOT, ". models.performance held exactly one comparison per joined "
                                + "lab result in %d of %d runs.%n", compared, done.size()));
            }
        }
        long failed = runs.stream().filter(r -> r.failure().isPresent()).count();
        if (failed > 0) {
            md.append(String.format(Locale.ROOT, "- %d run(s) did not finish (see the per-run table).%n", failed));
        }
        md.append('\n');
    }

    /** The comparison in three sentences, counted from the runs. */
    private void headline(StringBuilder md) {
        List<Run> global = runs.stream().filter(r -> r.strategy() == Strategy.GLOBAL && r.failure().isEmpty()).toList();
        List<Run> perSite = runs.stream().filter(r -> r.strategy() == Strategy.PER_SITE && r.failure().isEmpty()).toList();
        List<Run> globalInterleaved = global.stream().filter(r -> r.order() == ArrivalOrder.INTERLEAVED).toList();
        List<Run> globalBySite = global.stream().filter(r -> r.order() == ArrivalOrder.SITE_BY_SITE).toList();
        md.append(String.format(Locale.ROOT, "**(a) global**: with the sites' results interleaved, no site's model changed "
                        + "in %d of %d runs (the gate rejected what the opposite offsets made); one site after another, a "
                        + "global model published after one site's results served every site, and the unaffected site's "
                        + "MAE/mean rose in %d of %d runs. ", count(globalInterleaved, r -> r.sites().stream()
                        .allMatch(s -> s.inForce().equals("base"))), globalInterleaved.size(),
                count(globalBySite, r -> unaffected(r).after().maeOverMeanPct() > unaffected(r).before().maeOverMeanPct()),
                globalBySite.size()));
        long offsetRows = perSite.stream().mapToLong(r -> r.sites().stream().filter(s -> s.labOffset() != 1.0).count()).sum();
        long own = perSite.stream().mapToLong(r -> r.sites().stream().filter(s -> s.labOffset() != 1.0
                && s.inForce().equals("own model")).count()).sum();
        long below = perSite.stream().mapToLong(r -> r.sites().stream().filter(s -> s.labOffset() != 1.0
                && s.after().maeOverMeanPct() < 0.75 * s.before().maeOverMeanPct()).count()).sum();
        md.append(String.format(Locale.ROOT, "**(b) per site**, both orders alike: an offset site got its own model in %d "
                        + "of %d cases and its MAE/mean on new lots fell below 0.75 × the base model's in %d of them; the "
                        + "unaffected site's MAE/mean rose in %d of %d runs (kept the base in %d, where its predictions were the base model's to the bit in %d).%n%n",
                own, offsetRows, below, count(perSite, r -> unaffected(r).after().maeOverMeanPct()
                        > unaffected(r).before().maeOverMeanPct()), perSite.size(),
                count(perSite, r -> unaffected(r).inForce().equals("base")),
                count(perSite, r -> unaffected(r).inForce().equals("base") && unaffected(r).sameAsBase())));
    }

    private static SiteRow unaffected(Run r) {
        return r.sites().stream().filter(s -> s.labOffset() == 1.0).findFirst().orElseThrow();
    }

    private static long count(List<Run> runs, Predicate<Run> p) {
        return runs.stream().filter(p).count();
    }

    private void perRun(StringBuilder md) {
        md.append("<details><summary>Per run: each site's MAE/mean before → after, the retrainer's attempts, "
                + "models.performance</summary>\n\n");
        md.append("| seed | strategy | order | MAE/mean % per site, before → after | attempts | comparisons / joined lab "
                + "results | run, s |\n|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            if (r.failure().isPresent()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %s | did not finish: %s | | | |%n", 100 + r.seed(),
                        r.strategy().label(), r.order().label(), r.failure().get().replace('|', '/')));
                continue;
            }
            String sites = r.sites().stream().map(s -> String.format(Locale.ROOT, "%s %.1f → %.1f (%s)", s.site(),
                    s.before().maeOverMeanPct(), s.after().maeOverMeanPct(), s.inForce())).collect(Collectors.joining("; "));
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %d / %d%s | %.0f |%n", 100 + r.seed(),
                    r.strategy().label(), r.order().label(), sites, r.attempts().replace('|', '/'), r.comparisons(),
                    r.joined(), r.comparedAreJoined() ? "" : " (not the same lab results)", r.seconds()));
        }
        md.append("\n</details>\n\n");
    }

    private List<Run> finished(Strategy strategy, ArrivalOrder order) {
        return runs.stream().filter(r -> r.strategy() == strategy && r.order() == order && r.failure().isEmpty()).toList();
    }

    private static String attempt(RetrainingOutcome a) {
        return a.siteId().orElse("base") + " " + (a.published() ? "published" : "rejected") + String.format(Locale.ROOT,
                " (gate: challenger %.1f %% vs champion %.1f %%)", a.decision().challengerMaeOverMeanPct(),
                a.decision().championMaeOverMeanPct());
    }

    private static String inForce(List<SiteRow> rows) {
        return rows.stream().map(SiteRow::inForce).distinct().map(k -> k + " " + rows.stream()
                .filter(r -> r.inForce().equals(k)).count() + "/" + rows.size()).collect(Collectors.joining(", "));
    }

    private static String arrow(List<SiteRow> rows, ToDoubleFunction<SiteRow> before,
                                ToDoubleFunction<SiteRow> after) {
        return String.format(Locale.ROOT, "%.1f → %.1f", mean(rows.stream().mapToDouble(before).toArray()),
                mean(rows.stream().mapToDouble(after).toArray()));
    }

    private static String time(List<SiteRow> rows) {
        double[] t = rows.stream().mapToDouble(SiteRow::timeToNewModelS).filter(Double::isFinite).sorted().toArray();
        if (t.length == 0) {
            return "no new model";
        }
        double median = t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.1f (%d of %d runs)", median, t.length, rows.size());
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
