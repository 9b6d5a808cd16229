package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A supervisor JVM, started with a small heap by {@link ReplyDecodingErrorFailsCallTest}, whose
 * isolates answer with more than that heap holds. Modes: {@code run} (two {@code Isolates.run}
 * calls) and {@code pool} (two tasks of a pool of 1); each prints {@code large failed CLASS},
 * {@code message TEXT} (one line) or {@code large value V}, then the same for {@code small}, then
 * {@code done}. Every wait is bounded, so a call that never completes prints {@code ... failed
 * java.util.concurrent.TimeoutException}.
 */
public final class UnreadableReplySupervisorMain {
    /** More than the supervisor's -Xmx of the test: the reply cannot be decoded there. */
    static final int LARGE = 160 << 20;

    private UnreadableReplySupervisorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("run")) {
            tell("large", Isolates.run(() -> new byte[LARGE].length == LARGE ? new byte[LARGE] : null));
            tell("small", Isolates.run(() -> 7));
        } else {
            try (IsolatePool pool = IsolatePool.create(1)) {
                tell("large", pool.submit(() -> new byte[LARGE]));
                tell("small", pool.submit(() -> 7));
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    private static void tell(String word, Future<?> call) {
        try {
            Object value = call.get(120, SECONDS);
            System.out.println(word + " value " + (value instanceof byte[] b ? "byte[" + b.length + "]" : value));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            System.out.println(word + " failed " + cause.getClass().getName());
            System.out.println("message " + String.valueOf(cause.getMessage()).replace('\n', ' '));
        } catch (Exception e) {
            System.out.println(word + " failed " + e.getClass().getName());
            System.out.println("message " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        System.out.flush();
    }
}
