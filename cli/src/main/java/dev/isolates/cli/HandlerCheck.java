package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import dev.isolates.MessageHandler;

/**
 * Makes the handler of {@code isolatectl spawn} once before any line is read, so a missing or
 * wrong class is a usage error, not one error per line.
 *
 * @param className the {@link MessageHandler} class
 */
record HandlerCheck(String className) implements IsolateCallable<Boolean> {
    @Override
    public Boolean call() {
        PluginClasses.instance(className, MessageHandler.class);
        return Boolean.TRUE;
    }
}
