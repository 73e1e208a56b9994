package io.reescreen.model.data;

import io.reescreen.model.units.Element;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each column of an instrument's oxide table holds, from its header as XRF and lab software write it: an oxide
 * formula with or without a wt % suffix in any case ("SiO2", "SIO2 %", "sio2_wt_pct", "Al2O3 (wt %)",
 * "Al2O3_wtpct_4acid"), total iron as Fe2O3 ("Fe2O3T", "Fe2O3(T)", "Fe2O3tot": the model's Fe2O3 is total iron, as
 * XRF reports it), a major element in ppm ("Mn_ppm", "Mn (mg/kg)"), a rare earth in ppm (the lab's values, "La_ppm"),
 * and the sample id under one of {@link #ID_NAMES}. An oxide in ppm is refused (this reads oxides in wt % only, and
 * taking ppm as wt % would be off by 10,000); anything else is ignored and listed once.
 */
final class OxideColumns {

    /** Sample-id headers, compared without case, blanks, '_', '-' and '.'. */
    static final List<String> ID_NAMES = List.of("sample", "sampleid", "samplename", "samplecode", "sampleno", "id",
            "name", "lot", "lotid", "specimen");

    private static final Pattern WT_PCT = Pattern.compile("(wt%|wtpct|wt|pct|%|mass%|m%)?(4acid|xrf|fused|fusion|icp|icpoes)?");
    private static final Pattern PPM = Pattern.compile("(ppm|mg/kg|mgkg|ug/g|µg/g)(4acid|xrf|fused|fusion|icp|icpms|icpoes)?");

    final String idColumn;
    final Map<MajorOxide, String> oxideWtPct = new EnumMap<>(MajorOxide.class);
    final Map<MajorOxide, String> elementPpm = new EnumMap<>(MajorOxide.class);
    final Map<Element, String> reePpm = new LinkedHashMap<>();
    final List<String> ignored = new ArrayList<>();

    private OxideColumns(List<String> header, List<RowProblem> problems, int line) {
        String id = null;
        for (String column : header) {
            String key = key(column);
            if (id == null && ID_NAMES.contains(key)) {
                id = column;
            } else if (!oxide(column, key, problems, line) && !element(column, key, problems, line)) {
                ignored.add(column);
            }
        }
        if (!reePpm.isEmpty() && reePpm.size() < ReeOxide.COUNT) {
            ignored.addAll(reePpm.values()); // lab values need all 16 rare earths
            reePpm.clear();
        }
        idColumn = id;
        if (id == null) {
            problems.add(new RowProblem(line, "no sample id column (one of " + String.join(", ", ID_NAMES) + ")"));
        }
        if (oxideWtPct.isEmpty() && elementPpm.isEmpty()) {
            problems.add(new RowProblem(line, "no oxide wt % columns (e.g. 'SiO2', 'Al2O3 (wt %)', 'Fe2O3T')"));
        }
    }

    /**
     * The columns of {@code header}.
     *
     * @throws DatasetFormatException when there is no id or oxide column, an oxide comes twice or in ppm
     */
    static OxideColumns of(List<String> header, String source, int line) {
        List<RowProblem> problems = new ArrayList<>();
        OxideColumns columns = new OxideColumns(header, problems, line);
        if (!problems.isEmpty()) {
            throw new DatasetFormatException(source, problems);
        }
        return columns;
    }

    /** Whether {@code header} looks like an oxide table at all (an id and at least one oxide in wt %). */
    static boolean recognises(List<String> header) {
        List<RowProblem> problems = new ArrayList<>();
        new OxideColumns(header, problems, 1);
        return problems.isEmpty();
    }

    /** Whether the lab's 16 rare earths are all there (then each row may carry lab values). */
    boolean hasLabRee() {
        return reePpm.size() == ReeOxide.COUNT;
    }

    private boolean oxide(String column, String key, List<RowProblem> problems, int line) {
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            String formula = oxide.formula().toLowerCase(Locale.ROOT);
            if (!key.startsWith(formula)) {
                continue;
            }
            String rest = key.substring(formula.length());
            if (oxide == MajorOxide.FE2O3) {
                rest = rest.startsWith("tot") ? rest.substring(3) : rest.startsWith("t") ? rest.substring(1) : rest;
            }
            if (PPM.matcher(rest).matches()) {
                problems.add(new RowProblem(line, "column '" + column + "': " + oxide.formula() + " in ppm; oxides are"
                        + " read in wt % only (give it in wt %, or the element " + oxide.cation().symbol() + " in ppm)"));
                return true;
            }
            if (!WT_PCT.matcher(rest).matches()) {
                return false; // e.g. an uncertainty column "SiO2_sd": not a value
            }
            String before = oxideWtPct.put(oxide, column);
            if (before != null || elementPpm.containsKey(oxide)) {
                problems.add(new RowProblem(line, "two columns for " + oxide.formula() + ": '"
                        + (before != null ? before : elementPpm.get(oxide)) + "' and '" + column + "'"));
            }
            return true;
        }
        return false;
    }

    private boolean element(String column, String key, List<RowProblem> problems, int line) {
        for (ReeOxide ree : ReeOxide.PAPER_ORDER) {
            if (symbolInPpm(key, ree.element())) {
                String before = reePpm.putIfAbsent(ree.element(), column);
                if (before != null) {
                    problems.add(new RowProblem(line, "two columns for " + ree.element().symbol() + ": '" + before
                            + "' and '" + column + "'"));
                }
                return true;
            }
        }
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            if (symbolInPpm(key, oxide.cation())) {
                String before = oxideWtPct.containsKey(oxide) ? oxideWtPct.get(oxide)
                        : elementPpm.putIfAbsent(oxide, column);
                if (before != null) {
                    problems.add(new RowProblem(line, "two columns for " + oxide.formula() + ": '" + before + "' and '"
                            + column + "'"));
                }
                return true;
            }
        }
        return false;
    }

    private static boolean symbolInPpm(String key, Element element) {
        String symbol = element.symbol().toLowerCase(Locale.ROOT);
        return key.startsWith(symbol) && PPM.matcher(key.substring(symbol.length())).matches();
    }

    /** A header compared without case, blanks, brackets, '_', '-' and '.'. */
    static String key(String column) {
        StringBuilder b = new StringBuilder();
        for (char c : column.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (!Character.isWhitespace(c) && "_-.()[]".indexOf(c) < 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Every column read, for a reader that looks up cells by name. */
    Set<String> read() {
        Set<String> read = new java.util.LinkedHashSet<>();
        if (idColumn != null) {
            read.add(idColumn);
        }
        read.addAll(oxideWtPct.values());
        read.addAll(elementPpm.values());
        if (hasLabRee()) {
            read.addAll(reePpm.values());
        }
        return read;
    }
}
