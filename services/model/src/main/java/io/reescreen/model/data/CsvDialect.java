package io.reescreen.model.data;

/**
 * How an instrument's export writes its table: the cell separator, and whether numbers use a decimal comma. Told from
 * the header line: the separator that occurs most often in it (',' when none does). A decimal comma goes with ';'
 * only, as spreadsheets in decimal-comma locales export; with ',' or a tab a comma cannot be part of a number.
 *
 * @param separator    ',', ';' or '\t'
 * @param decimalComma whether "1,25" means 1.25
 */
public record CsvDialect(char separator, boolean decimalComma) {

    public static final CsvDialect COMMA = new CsvDialect(',', false);

    /** The dialect of a file whose header line is {@code headerLine}. */
    public static CsvDialect of(String headerLine) {
        int commas = count(headerLine, ',');
        int semicolons = count(headerLine, ';');
        int tabs = count(headerLine, '\t');
        if (semicolons > commas && semicolons >= tabs) {
            return new CsvDialect(';', true);
        }
        if (tabs > commas && tabs > semicolons) {
            return new CsvDialect('\t', false);
        }
        return COMMA;
    }

    /** The number in a cell as Java reads it ("1,25" → "1.25" in a decimal-comma file). */
    String numberText(String cell) {
        return decimalComma ? cell.replace(',', '.') : cell;
    }

    /** Its name in a message. */
    String describe() {
        String name = separator == '\t' ? "tab" : "'" + separator + "'";
        return name + "-separated" + (decimalComma ? ", decimal comma" : "");
    }

    private static int count(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char x = line.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                n++;
            }
        }
        return n;
    }
}
