package io.reescreen.model.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the golden outputs (objects, arrays, numbers, booleans, strings without escapes): the model
 * module has no JSON library, and one for a test resource is not worth a dependency.
 */
final class GoldenJson {

    private final String text;
    private int at;

    private GoldenJson(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        GoldenJson json = new GoldenJson(text);
        Object value = json.value();
        json.skipSpace();
        if (json.at != text.length()) {
            throw json.error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(at);
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            while (!consume('}')) {
                skipSpace();
                String key = string();
                expect(':');
                object.put(key, value());
                consume(',');
            }
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            at++;
            while (!consume(']')) {
                array.add(value());
                consume(',');
            }
            return array;
        }
        if (c == '"') {
            return string();
        }
        if (text.startsWith("true", at) || text.startsWith("false", at)) {
            boolean b = text.startsWith("true", at);
            at += b ? 4 : 5;
            return b;
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected '" + c + "'");
        }
        return Double.parseDouble(text.substring(start, at));
    }

    private String string() {
        expect('"');
        int end = text.indexOf('"', at);
        String s = text.substring(at, end);
        at = end + 1;
        return s;
    }

    private boolean consume(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + at);
    }
}
