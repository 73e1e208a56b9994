package io.reescreen.model.chemistry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An oxide formula as XRF software writes it: one cation, an optional count, then oxygen with an optional count
 * ({@code SO3}, {@code Cr2O3}, {@code BaO}). Any element but oxygen may be the cation, so oxides the project does not
 * model (ZrO2, SrO) are recognised as oxides all the same.
 *
 * @param formula the formula as written
 * @param cation  the cation's element symbol, e.g. {@code "Cr"} for {@code "Cr2O3"}
 */
public record OxideFormula(String formula, String cation) {

    private static final Pattern ONE_CATION_OXIDE = Pattern.compile("([A-Z][a-z]?)(\\d*)O(\\d*)");

    public OxideFormula {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(cation, "cation");
    }

    /** The formula {@code text} stands for, or empty when it is not a one-cation oxide of a real element. */
    public static Optional<OxideFormula> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ONE_CATION_OXIDE.matcher(text);
        if (!m.matches() || "O".equals(m.group(1)) || !ElementSymbols.isElementSymbol(m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(new OxideFormula(text, m.group(1)));
    }

    /** True when {@code text} is a one-cation oxide formula of a real element. */
    public static boolean isOxideFormula(String text) {
        return parse(text).isPresent();
    }
}
