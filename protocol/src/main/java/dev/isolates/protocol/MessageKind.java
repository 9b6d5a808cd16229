package dev.isolates.protocol;

/** What an envelope carries; the body's type follows from it. */
public enum MessageKind {
    /** Supervisor to worker: run the callable in the body, answer with RESULT, FAILURE or UNSENDABLE. */
    RUN(1),
    /** Worker to supervisor: the value a RUN produced. */
    RESULT(2),
    /** Worker to supervisor: the {@link RemoteFailure} a RUN threw. */
    FAILURE(3),
    /** Worker to supervisor: an {@link UnsendableReport} for a result that could not be encoded. */
    UNSENDABLE(4),
    /** Worker to supervisor: an {@link ExitNotice}; the worker's JVM is ending. */
    EXITING(5),
    /** Supervisor to worker: end the isolate now, in order. */
    SHUTDOWN(6),
    /** Either way: answer with PONG carrying the same correlation. */
    PING(7),
    /** The answer to PING. */
    PONG(8),
    /** Either way: answer with an ECHO carrying the same body and correlation (for benchmarks and health checks). */
    ECHO(9),
    /** Supervisor to worker: run the entry point in the body (a spawned isolate's first event). */
    START(10),
    /** Either way: a message for the port numbered by the correlation, in the isolate the target names. */
    PORT_MESSAGE(11),
    /** Worker to supervisor: an error the isolate did not catch, for its error listeners. */
    UNCAUGHT(12),
    /** Worker to supervisor: a lifecycle request (spawn, kill, listeners...); answered by CONTROL_REPLY. */
    CONTROL(13),
    /** Supervisor to worker: the answer to the CONTROL with the same correlation. */
    CONTROL_REPLY(14),
    /**
     * Supervisor to worker: several RUN bodies in one message, laid out as {@link RunBatch} says; the
     * worker runs them in order and answers each as it would a RUN with that correlation.
     */
    RUN_BATCH(15);

    private static final MessageKind[] BY_CODE = new MessageKind[16];

    static {
        for (MessageKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final byte code;

    MessageKind(int code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static MessageKind of(byte code) {
        MessageKind k = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (k == null) {
            throw new IllegalArgumentException("unknown message kind " + code);
        }
        return k;
    }
}
