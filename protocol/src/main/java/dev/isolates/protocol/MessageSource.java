package dev.isolates.protocol;

import java.io.IOException;

/** Where a {@link Receiver} polls for messages: a channel end's queue. */
interface MessageSource {
    /** The next message, or null if none is waiting. */
    Inbound poll() throws IOException;
}
