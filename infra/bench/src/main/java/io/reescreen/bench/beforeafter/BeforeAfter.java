package io.reescreen.bench.beforeafter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the reports of an old and a new build's runs of one benchmark (run alternately, old, new, old, new, by
 * infra/bench/before-after.sh) into one Markdown table: per figure, the median and min–max over each build's runs and
 * the ratio new / old of the medians.
 *
 * <p>A figure is a number in a cell of a report's Markdown tables, named by the row's first cell (and the column's
 * header when the table has more than two columns): the first number of the cell with its unit, a "N ms per lot"
 * inside it, or each of "p50 / p99 / max" when the cell reads "a / b / c ms". Rows are matched between reports by
 * their label; a label whose numbers change from run to run (a rate derived from the measured throughput) is matched
 * with those numbers blanked out when that is still unambiguous within each report.
 *
 * <p>JDK only, so {@code java infra/bench/src/main/java/io/reescreen/bench/beforeafter/BeforeAfter.java} runs it
 * without a build: {@code --old A.md,C.md --new B.md,D.md [--section REGEX]} (only tables under a heading matching
 * REGEX; default all).
 */
public final class BeforeAfter {

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern LEADING = Pattern.compile("(-?\\d[\\d,]*(?:\\.\\d+)?)\\s*([%a-zA-Zµ/]+)?");
    private static final Pattern THREE = Pattern.compile(
            "^\\s*(-?[\\d,.]+) / (-?[\\d,.]+) / (-?[\\d,.]+) ?(ms|s)\\b");
    private static final Pattern PER_LOT = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?) ms per lot");

    /** One figure of one report: its row label, the column it came from ("" in a two-column table), its unit. */
    record Figure(String label, String column, String unit, double value) {
    }

    private BeforeAfter() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> old = new ArrayList<>();
        List<Path> fresh = new ArrayList<>();
        Pattern section = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--old" -> old.addAll(paths(args[++i]));
                case "--new" -> fresh.addAll(paths(args[++i]));
                case "--section" -> section = Pattern.compile(args[++i]);
                default -> {
                    System.err.println("usage: java BeforeAfter.java --old A.md,C.md --new B.md,D.md [--section REGEX]");
                    System.exit(2);
                }
            }
        }
        if (old.isEmpty() || fresh.isEmpty()) {
            System.err.println("give at least one report of each build: --old A.md --new B.md");
            System.exit(2);
        }
        System.out.print(table(read(old), read(fresh), section));
    }

    private static List<Path> paths(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static List<String> read(List<Path> files) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f));
        }
        return texts;
    }

    /** The merged table of the old and new reports' figures (under headings matching {@code section}, or all). */
    public static String table(List<String> oldReports, List<String> newReports, Pattern section) {
        List<List<Figure>> all = new ArrayList<>();
        for (String r : oldReports) {
            all.add(figures(r, section));
        }
        for (String r : newReports) {
            all.add(figures(r, section));
        }
        Map<String, String> keyOf = keys(all);
        // Figure key -> values per report, in the order figures first appear.
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (int r = 0; r < all.size(); r++) {
            for (Figure f : all.get(r)) {
                String key = keyOf.get(f.label()) + "\u0000" + f.column() + "\u0000" + f.unit();
                double[] v = values.computeIfAbsent(key, k -> {
                    double[] empty = new double[all.size()];
                    Arrays.fill(empty, Double.NaN);
                    return empty;
                });
                v[r] = f.value();
                labels.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(f.label());
                units.put(key, f.unit());
            }
        }
        int olds = oldReports.size();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "| figure | old: median (min–max), %d run%s | new: median (min–max), %d run%s "
                + "| new / old |%n", olds, olds == 1 ? "" : "s", newReports.size(), newReports.size() == 1 ? "" : "s"));
        md.append("|---|---:|---:|---:|\n");
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            String[] parts = e.getKey().split("\u0000", -1);
            double[] o = Arrays.stream(Arrays.copyOfRange(e.getValue(), 0, olds)).filter(Double::isFinite).toArray();
            double[] n = Arrays.stream(Arrays.copyOfRange(e.getValue(), olds, all.size())).filter(Double::isFinite).toArray();
            String name = label(labels.get(e.getKey())) + (parts[1].isEmpty() ? "" : ": " + parts[1]);
            String unit = units.get(e.getKey());
            md.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s |%n", name, unit.isEmpty() ? "" : ", " + unit,
                    cell(o), cell(n), o.length == 0 || n.length == 0 || median(o) == 0 ? "—"
                            : String.format(Locale.ROOT, "%.2f", median(n) / median(o))));
        }
        return md.toString();
    }

    /** The figures of a report's tables under headings matching {@code section} (all when null). */
    static List<Figure> figures(String report, Pattern section) {
        List<Figure> figures = new ArrayList<>();
        boolean inSection = section == null;
        List<String> header = null;
        for (String line : report.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#")) {
                inSection = section == null || section.matcher(t).find();
                header = null;
                continue;
            }
            if (!t.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(t);
            if (header == null) {
                header = cells;
                continue;
            }
            if (!inSection || cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                continue;
            }
            for (int j = 1; j < cells.size(); j++) {
                String column = header.size() > 2 && j < header.size() ? header.get(j) : "";
                if (column.equalsIgnoreCase("target")) {
                    continue;
                }
                figures.addAll(cellFigures(cells.get(0), column, cells.get(j)));
            }
        }
        return figures;
    }

    private static List<Figure> cellFigures(String label, String column, String cell) {
        List<Figure> out = new ArrayList<>();
        Matcher three = THREE.matcher(cell);
        if (three.find()) {
            String[] names = {"p50", "p99", "max"};
            for (int i = 0; i < 3; i++) {
                out.add(new Figure(label, column.isEmpty() ? names[i] : column + " " + names[i], three.group(4),
                        number(three.group(i + 1))));
            }
            return out;
        }
        Matcher first = LEADING.matcher(cell);
        if (!first.find()) {
            return out;
        }
        String unit = first.group(2) == null ? "" : first.group(2);
        out.add(new Figure(label, column, unit, number(first.group(1))));
        Matcher perLot = PER_LOT.matcher(cell);
        if (perLot.find() && perLot.start() > first.start()) {
            out.add(new Figure(label, column, "ms per lot", number(perLot.group(1))));
        }
        return out;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    /**
     * Label -> the key rows are matched by: the label with its numbers blanked when, in every report, no two labels
     * of its own share that blanked form (so "latency at 710/s (half …)" meets "latency at 650/s (half …)", while
     * "batch 64" and "batch 1024" stay apart); else the label itself.
     */
    private static Map<String, String> keys(List<List<Figure>> reports) {
        Map<String, Boolean> ambiguous = new LinkedHashMap<>();
        for (List<Figure> report : reports) {
            Map<String, Set<String>> byBlank = new LinkedHashMap<>();
            for (Figure f : report) {
                byBlank.computeIfAbsent(blank(f.label()), k -> new LinkedHashSet<>()).add(f.label());
            }
            byBlank.forEach((b, ls) -> ambiguous.merge(b, ls.size() > 1, Boolean::logicalOr));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (List<Figure> report : reports) {
            for (Figure f : report) {
                String b = blank(f.label());
                keys.put(f.label(), ambiguous.get(b) ? f.label() : b);
            }
        }
        return keys;
    }

    private static String blank(String label) {
        return NUMBER.matcher(label).replaceAll("#");
    }

    /** One label, or the labels of the runs with the numbers that differ listed in braces. */
    private static String label(Set<String> labels) {
        if (labels.size() == 1) {
            return labels.iterator().next();
        }
        List<List<String>> numbers = new ArrayList<>();
        for (String l : labels) {
            List<String> ns = new ArrayList<>();
            Matcher m = NUMBER.matcher(l);
            while (m.find()) {
                ns.add(m.group());
            }
            numbers.add(ns);
        }
        String first = labels.iterator().next();
        Matcher m = NUMBER.matcher(first);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            Set<String> seen = new LinkedHashSet<>();
            for (List<String> ns : numbers) {
                seen.add(i < ns.size() ? ns.get(i) : "?");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(seen.size() == 1 ? m.group()
                    : "{" + String.join(", ", seen) + "}"));
            i++;
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String cell(double[] v) {
        if (v.length == 0) {
            return "—";
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return v.length == 1 ? format(s[0])
                : format(median(v)) + " (" + format(s[0]) + "–" + format(s[s.length - 1]) + ")";
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Three significant digits at least, thousands separated: 1,422; 0.527; 8.58. */
    private static String format(double v) {
        double a = Math.abs(v);
        int decimals = a >= 100 || a == 0 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }
}
