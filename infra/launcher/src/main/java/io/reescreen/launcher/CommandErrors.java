package io.reescreen.launcher;

import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.schemas.connect.ConnectionProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one way a command fails: the user's mistake (a bad option, a missing one, a {@link UsageError} or a
 * {@link UserError}) is one line on stderr, plus picocli's suggestion for a typo, and exit status 2, never a stack
 * trace; so is a cluster or registry that refuses the command's settings ({@link ConnectionProblem}), or a model
 * device the machine lacks ({@link ModelDevice.Unavailable}), wherever in the cause chain: their messages name the
 * setting and never hold a secret. The program's own fault prints its stack trace and exits 1.
 */
final class CommandErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final int USER_MISTAKE = 2;
    static final int PROGRAM_FAULT = 1;

    @Override
    public int handleParseException(ParameterException thrown, String[] args) {
        ParameterException e = rootCause(thrown);
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(prefix(command) + describe(e) + helpHint(command));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.flush();
        return USER_MISTAKE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof UsageError) {
            err.println(prefix(command) + e.getMessage() + helpHint(command));
            err.flush();
            return USER_MISTAKE;
        }
        if (e instanceof UserError) {
            err.println(prefix(command) + e.getMessage());
            err.flush();
            return USER_MISTAKE;
        }
        RuntimeException refused = settingRefused(e);
        if (refused != null) {
            err.println(prefix(command) + refused.getMessage());
            err.flush();
            return USER_MISTAKE;
        }
        err.println(prefix(command) + e.getMessage());
        e.printStackTrace(err);
        err.flush();
        return PROGRAM_FAULT;
    }

    /**
     * The first {@link ConnectionProblem} or {@link ModelDevice.Unavailable} in {@code e}'s cause chain (a service's
     * start wraps them in its own exceptions), or null.
     */
    private static RuntimeException settingRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionProblem || t instanceof ModelDevice.Unavailable) {
                return (RuntimeException) t;
            }
        }
        return null;
    }

    /** {@code reescreen model predict: }: the command as typed, so the line says which one complained. */
    static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName().replaceFirst("^\\./", "") + ": ";
    }

    private static String helpHint(CommandLine command) {
        return " (" + command.getCommandSpec().qualifiedName() + " --help for the options)";
    }

    /**
     * A typo in an option's name also leaves a required option missing (picocli checks those first): the typo is the
     * cause, so it is the one reported, with its suggestion.
     */
    private static ParameterException rootCause(ParameterException e) {
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        return e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()
                ? new UnmatchedArgumentException(e.getCommandLine(), unmatched) : e;
    }

    private static String describe(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                String[] nameAndValue = first.split("=", 2);
                OptionSpec known = command.getCommandSpec().findOption(nameAndValue[0]);
                if (known == null) {
                    return "unknown option " + nameAndValue[0];
                }
                // A known option left unmatched: a flag given a value (--publish=maybe), or a value picocli would not
                // attach.
                String value = nameAndValue.length > 1 ? nameAndValue[1] : "";
                return known.typeInfo().isBoolean() ? nameAndValue[0] + " takes no value (or =true / =false), got '"
                        + value + "'" : nameAndValue[0] + " cannot take '" + value + "'";
            }
            if (!command.getSubcommands().isEmpty()) {
                String path = command.getCommandSpec().qualifiedName(" ");
                String group = path.contains(" ") ? path.substring(path.indexOf(' ') + 1) + " " : "";
                return "unknown " + group + "command '" + first + "'; one of " + names(command);
            }
            return "unexpected argument '" + first + "'";
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            // Picocli's own wording tells an option given without its value from one not given at all.
            return e.getMessage().startsWith("Missing required parameter for option")
                    ? missing.getMissing().get(0) instanceof OptionSpec o ? o.longestName() + " needs a value" : e.getMessage()
                    : missing.getMissing().stream().map(CommandErrors::required).collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    private static String required(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() + " is required"
                : "needs the " + arg.paramLabel();
    }

    /** The sub-commands as a sentence: {@code model, streaming, retrainer or faults}. */
    static String names(CommandLine command) {
        List<String> names = command.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
