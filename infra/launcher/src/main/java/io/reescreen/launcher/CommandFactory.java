package io.reescreen.launcher;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Makes the commands with the run's {@link Terminal}; options holders and converters as picocli would. */
final class CommandFactory implements CommandLine.IFactory {

    private final Terminal terminal;

    CommandFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withTerminal;
        try {
            withTerminal = type.getDeclaredConstructor(Terminal.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        withTerminal.setAccessible(true);
        return withTerminal.newInstance(terminal);
    }
}
