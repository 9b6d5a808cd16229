package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import dev.isolates.MessageHandler;

/**
 * One line of {@code isolatectl spawn}, handled in an isolate by its one instance of the handler
 * class; the reply is turned into JSON text there.
 *
 * @param className the {@link MessageHandler} class
 * @param message   the line
 */
record HandleLine(String className, String message) implements IsolateCallable<String> {
    @Override
    public String call() throws Exception {
        MessageHandler handler = PluginClasses.instance(className, MessageHandler.class);
        return Json.write(handler.handle(message));
    }
}
