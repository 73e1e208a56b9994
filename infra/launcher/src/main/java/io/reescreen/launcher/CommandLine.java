package io.reescreen.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --name value} options of a command; every option takes a value, except the command's flags
 * ({@link Command#flags()}), which stand alone ({@code --publish}) and read as {@code true}.
 */
final class CommandLine {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final List<String> positionals;
    private final Map<String, String> options;

    private CommandLine(List<String> positionals, Map<String, String> options) {
        this.positionals = positionals;
        this.options = options;
    }

    /** Words before the first option are positional (e.g. a sub-command); every option takes a value. */
    static CommandLine parse(String[] args) {
        return parse(args, java.util.Set.of());
    }

    /** As {@link #parse(String[])}; the options named in {@code flags} take no value ({@code --flag=false} may still say no). */
    static CommandLine parse(String[] args, java.util.Set<String> flags) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") && options.isEmpty()) {
                positionals.add(args[i]);
                continue;
            }
            if (!args[i].startsWith("--") || args[i].length() == 2) {
                throw new UsageException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (flags.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return new CommandLine(List.copyOf(positionals), options);
    }

    /** The positional words; a command that takes none rejects them through {@link #allowOnly}. */
    List<String> positionals() {
        return positionals;
    }

    /** The same options without the first positional word (what a sub-command sees). */
    CommandLine shift() {
        return new CommandLine(positionals.isEmpty() ? positionals : positionals.subList(1, positionals.size()), options);
    }

    /** A required option. */
    String required(String name) {
        return option(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    double doubleOption(String name, double defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a number, got '" + value + "'");
        }
    }

    long longOption(String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, got '" + value + "'");
        }
    }

    /** A flag: present (and not {@code =false}). */
    boolean flag(String name) {
        String value = options.get(name);
        if (value == null) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new UsageException("--" + name + " takes no value (or =true / =false), got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
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
        if (!positionals.isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals.get(0) + "'");
        }
        for (String given : options.keySet()) {
            if (!java.util.List.of(names).contains(given)) {
                throw new UsageException("unknown option --" + given);
            }
        }
        return this;
    }
}
