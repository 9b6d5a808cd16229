package dev.isolates.protocol;

import java.io.IOException;

/** The process at the other end of a channel has closed it, or is gone, and no message is left to read. */
public final class PeerGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    public PeerGoneException(String message) {
        super(message);
    }
}
