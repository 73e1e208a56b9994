package io.reescreen.model.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Units change only in this package. ArchUnit (the screener's and retrainer's UnitsStayInTheModelLibraryTest) sees
 * calls to the converters but not literals, so this reads the production sources of every module for the known unit
 * factors written by hand: ppm ↔ wt % (1e4, 1e-4) and whole-coal → ash basis (100 / ash yield).
 */
class UnitFactorsStayInUnitsTest {

    /** Surefire runs in the module's folder, services/model; the repository is two levels up. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().resolve("../..").normalize();

    private static final String UNITS_PACKAGE = "io/reescreen/model/units/";

    private static final List<Pattern> UNIT_FACTORS = List.of(
            // 1e4, 1.0e4, 1E+4, 10000.0, 10_000.0: ppm per wt %
            Pattern.compile("(?<![\\w.])(1(\\.0*)?[eE]\\+?0*4|10_?000\\.0*)(?![\\w.])"),
            // multiplying or dividing by 1e-4: wt % per ppm (1e-4 as a floor or tolerance is not a unit)
            Pattern.compile("[*/]\\s*1(\\.0*)?[eE]-0*4(?![\\w.])"),
            // 100 / ash yield: whole coal → ash basis
            Pattern.compile("100(\\.0*)?\\s*/\\s*[\\w.()]*[aA]sh"));

    @Test
    void noProductionSourceOutsideTheUnitsPackageWritesAUnitFactor() throws IOException {
        assertTrue(Files.isDirectory(REPOSITORY.resolve("services/model/src/main/java/" + UNITS_PACKAGE)),
                "expected the repository at " + REPOSITORY);
        List<String> offences = new ArrayList<>();
        List<Path> sources = productionSources();
        for (Path source : sources) {
            if (source.toString().replace('\\', '/').contains(UNITS_PACKAGE)) {
                continue;
            }
            String[] lines = withoutCommentsAndStrings(Files.readString(source)).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Pattern factor : UNIT_FACTORS) {
                    Matcher m = factor.matcher(lines[i]);
                    if (m.find()) {
                        offences.add(REPOSITORY.relativize(source) + ":" + (i + 1) + ": " + m.group().strip());
                    }
                }
            }
        }
        assertTrue(sources.size() > 100, "found only " + sources.size() + " production sources under " + REPOSITORY);
        assertEquals(List.of(), offences, "unit factors outside io.reescreen.model.units: convert there instead");
    }

    @Test
    void theScanSeesAFactorInCodeButNotInACommentOrString() {
        String code = "double a = x / 1.0e4; // 1e4 in a comment\nString s = \"100.0 / ash\";\n/* 1e4 */ double b = y;";
        String stripped = withoutCommentsAndStrings(code);
        assertEquals(1, UNIT_FACTORS.get(0).matcher(stripped).results().count());
        assertTrue(UNIT_FACTORS.get(1).matcher("v * 1e-4").find());
        assertTrue(UNIT_FACTORS.get(2).matcher("100.0 / r.getAshYieldWtPct()").find());
        assertFalse(UNIT_FACTORS.get(1).matcher("Math.max(sigma, 1e-4)").find());
    }

    private static List<Path> productionSources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String group : List.of("services", "infra", "schemas")) {
            Path top = REPOSITORY.resolve(group);
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(top)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** Blanks comments and string literals, keeping line breaks so line numbers stay true. */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < source.length() && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
