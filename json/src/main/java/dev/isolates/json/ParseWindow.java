package dev.isolates.json;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolatePool;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The files of a {@link JsonBatch} being parsed: at most {@code maxInFlight} handed to the pool and
 * not yet taken, the next file handed over as each result is taken, results taken in input order.
 * Closing it closes every document not taken, now or when its parse ends.
 *
 * <p>Not thread-safe: one thread takes the results.
 */
final class ParseWindow implements Iterator<JsonBatch.Result>, AutoCloseable {
    private record Pending(Path path, CompletableFuture<ParsedFile> parse) {
    }

    private final IsolatePool pool;
    private final Iterator<Path> paths;
    private final int maxInFlight;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private boolean closed;

    ParseWindow(IsolatePool pool, Iterator<Path> paths, int maxInFlight) {
        this.pool = pool;
        this.paths = paths;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
    }

    @Override
    public JsonBatch.Result next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "the batch is closed" : "no more files in the batch");
        }
        Pending head = inFlight.pollFirst();
        JsonBatch.Result result = outcome(head);
        fill();
        return result;
    }

    private void fill() {
        while (!closed && inFlight.size() < maxInFlight && paths.hasNext()) {
            Path path = paths.next();
            inFlight.addLast(new Pending(path, pool.submit(new FileParseTask(path.toString()))));
        }
    }

    private static JsonBatch.Result outcome(Pending p) {
        ParsedFile parsed;
        try {
            parsed = p.parse().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.parse().thenAccept(ParseWindow::closeDocument);
            CancellationException c = new CancellationException("interrupted while waiting for " + p.path() + " to be parsed");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            return JsonBatch.Result.failed(p.path(), new JsonFileException(p.path(), why(e.getCause()), -1, -1, e.getCause()));
        } catch (CancellationException e) {
            return JsonBatch.Result.failed(p.path(), new JsonFileException(p.path(), "its parse was cancelled", -1, -1, e));
        }
        if (parsed.document() != null) {
            return new JsonBatch.Result(p.path(), parsed.document(), null);
        }
        return JsonBatch.Result.failed(p.path(), new JsonFileException(p.path(), parsed.error(), parsed.line(), parsed.column(), null));
    }

    private static String why(Throwable failure) {
        if (failure instanceof IsolateCrashedException c) {
            return "the isolate parsing it died: " + c.reason() + " (exit code " + c.exitCode() + ")"
                    + ("OutOfMemoryError".equals(c.reason()) ? "; give the pool's isolates a larger heap (IsolateOptions.maxHeap)" : "");
        }
        String message = failure.getMessage();
        return (message == null ? failure.getClass().getName() : message.split("\n", 2)[0]);
    }

    private static void closeDocument(ParsedFile parsed) {
        if (parsed != null && parsed.document() != null) {
            parsed.document().close();
        }
    }

    /** Takes no more files; every document not taken is closed, those still being parsed when they arrive. */
    @Override
    public void close() {
        closed = true;
        for (Pending p : inFlight) {
            p.parse().thenAccept(ParseWindow::closeDocument);
        }
        inFlight.clear();
    }
}
