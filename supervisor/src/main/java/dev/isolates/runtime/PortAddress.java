package dev.isolates.runtime;

import dev.isolates.SendPort;

/**
 * The {@link SendPort} of a receive port: the isolate that owns it and the port's number there.
 * Sending through it from any JVM goes through that JVM's runtime.
 *
 * @param isolate the owner's isolate number (0 is the main isolate)
 * @param port    the port's number in its isolate
 */
public record PortAddress(int isolate, long port) implements SendPort {
    private static final long serialVersionUID = 1L;

    @Override
    public void send(Object message) {
        IsolateRuntime.current().send(this, message);
    }
}
