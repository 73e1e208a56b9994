package io.reescreen.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} options of a command; every option takes a value. */
final class CommandLine {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> options;

    private CommandLine(Map<String, String> options) {
        this.options = options;
    }

    static CommandLine parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || args[i].length() == 2) {
                throw new UsageException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return new CommandLine(options);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    int intOption(String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, got '" + value + "'");
        }
    }

    /** Fails on any option the command does not know, so a typo never passes silently. */
    CommandLine allowOnly(String... names) {
        for (String given : options.keySet()) {
            if (!java.util.List.of(names).contains(given)) {
                throw new UsageException("unknown option --" + given);
            }
        }
        return this;
    }
}
