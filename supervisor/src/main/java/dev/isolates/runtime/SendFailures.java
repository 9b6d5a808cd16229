package dev.isolates.runtime;

import dev.isolates.DiskFullException;
import dev.isolates.UnsendableException;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;

/**
 * Turns the codec's and the channel's refusals of a send into the public exceptions, the same way in
 * both JVMs, with messages a person can act on.
 */
public final class SendFailures {
    private SendFailures() {
    }

    /** {@code what} ("message", "the result") held an object the codec refused. */
    public static UnsendableException unsendable(String what, UnsendableObjectException e) {
        String path = e.path().isEmpty() ? what : what + " -> " + e.path();
        return new UnsendableException("cannot send " + e.typeName() + " at " + path + ": "
                + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), path, e.typeName(), e.getCause());
    }

    /** The other JVM refused to send a reply, as it reported. */
    public static UnsendableException unsendable(UnsendableReport report) {
        return new UnsendableException(report.message().replaceFirst(" at [^:]*:", " at " + report.path() + ":"),
                report.path(), report.typeName(), null);
    }

    /** {@code what} ("a message to isolate ...") could not be written for want of room. */
    public static DiskFullException diskFull(String what, InsufficientSpaceException e) {
        return new DiskFullException("could not send " + what + ": " + e.getMessage(), e.path(), e.needed(),
                e.available(), e);
    }
}
