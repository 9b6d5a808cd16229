package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program that embeds the library, started by regression tests in a JVM of their own. It prints
 * one fact a line: {@code outcome value V}, or {@code outcome failed CLASS} and {@code message TEXT}
 * (line breaks as {@code \n}), or {@code outcome timeout}; in mode {@code pool} also
 * {@code pool-failed true|false}.
 *
 * <p>Modes: {@code run}, one {@code Isolates.run}; {@code pool}, one task in a pool of 2;
 * {@code burst THREADS RUNS}, many runs at once (see {@link #burst}).
 */
public final class EmbeddingProgram {
    private EmbeddingProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("burst")) {
            burst(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        if (args[0].equals("pool")) {
            try (IsolatePool pool = IsolatePool.create(2)) {
                tell(pool.submit(() -> 6 * 7));
                say("pool-failed " + pool.isFailed());
            }
        } else {
            tell(Isolates.run(() -> 6 * 7));
        }
    }

    /**
     * {@code threads} threads each make {@code runsPerThread} calls at once; prints {@code answered N},
     * {@code wrong N}, then one {@code failed COUNT KIND} line per kind of failure.
     */
    private static void burst(int threads, int runsPerThread) throws Exception {
        List<Future<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread submitter = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < runsPerThread; i++) {
                    calls.add(Isolates.run(() -> 6 * 7));
                }
            }, "burst-" + t);
            submitters.add(submitter);
            submitter.start();
        }
        go.countDown();
        for (Thread s : submitters) {
            s.join();
        }
        long deadline = System.nanoTime() + SECONDS.toNanos(900);
        int answered = 0;
        int wrong = 0;
        Map<String, Integer> failures = new TreeMap<>();
        for (Future<Integer> call : calls) {
            try {
                if (call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) == 42) {
                    answered++;
                } else {
                    wrong++;
                }
            } catch (ExecutionException e) {
                String m = String.valueOf(e.getCause().getMessage()).replaceAll("isolate-[0-9]+", "isolate-N")
                        .replaceAll("[0-9]+", "N");
                failures.merge(e.getCause().getClass().getSimpleName() + ": "
                        + m.substring(0, Math.min(m.length(), 160)).replace("\n", " "), 1, Integer::sum);
            } catch (TimeoutException e) {
                failures.merge("no answer", 1, Integer::sum);
            }
        }
        say("answered " + answered);
        say("wrong " + wrong);
        failures.forEach((kind, count) -> say("failed " + count + " " + kind));
    }

    private static void tell(Future<?> answer) throws InterruptedException {
        try {
            say("outcome value " + answer.get(30, SECONDS));
        } catch (ExecutionException e) {
            say("outcome failed " + e.getCause().getClass().getName());
            say("message " + String.valueOf(e.getCause().getMessage()).replace("\n", "\\n"));
        } catch (TimeoutException e) {
            say("outcome timeout");
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
