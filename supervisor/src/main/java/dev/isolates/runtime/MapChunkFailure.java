package dev.isolates.runtime;

import dev.isolates.RemoteException;
import java.util.OptionalInt;

/**
 * Thrown in an isolate by a {@link MapChunk} whose function threw; the cause is what it threw. Its
 * message is only the input's place in the chunk, so that the place survives the way back, where a
 * failure travels as class name, message and cause chain and is rebuilt, as this class or, from an
 * untrusted isolate, as a {@link RemoteException} naming it.
 */
public final class MapChunkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // (String, Throwable): the constructor the supervisor rebuilds the failure with
    private MapChunkFailure(String message, Throwable cause) {
        super(message, cause);
    }

    static MapChunkFailure at(int position, Throwable cause) {
        return new MapChunkFailure(Integer.toString(position), cause);
    }

    /** The place in its chunk of the input whose function threw, if {@code failure} is a chunk's failure. */
    public static OptionalInt position(Throwable failure) {
        boolean ours = failure instanceof MapChunkFailure || failure instanceof RemoteException r
                && MapChunkFailure.class.getName().equals(r.remoteClassName());
        if (!ours || failure.getCause() == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(failure.getMessage()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
