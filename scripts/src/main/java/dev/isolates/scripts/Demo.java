package dev.isolates.scripts;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.Isolates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The main job for now: runs a few computations in isolates, one that exhausts its heap, one that
 * calls System.exit and one that hangs among them, and prints what happened to each. This JVM
 * survives all of them.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int n = 2_000_000;
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job("sum of primes below " + n, Isolates.run(() -> primeSum(n))));
        jobs.add(new Job("word count", Isolates.run(() -> List.of("to be or not to be".split(" ")).size())));
        jobs.add(new Job("heap hog (maxHeap 32m)", Isolates.run(Demo::hogHeap,
                IsolateOptions.builder().debugName("heap-hog").maxHeap("32m").build())));
        jobs.add(new Job("calls System.exit(42)", Isolates.run(() -> {
            System.exit(42);
            return "unreachable";
        }, IsolateOptions.builder().debugName("quitter").build())));
        jobs.add(new Job("hangs (timeout 3s)", Isolates.run(() -> {
            Thread.sleep(600_000);
            return "unreachable";
        }, IsolateOptions.builder().debugName("sleeper").timeout(Duration.ofSeconds(3)).build())));
        jobs.add(new Job("throws", Isolates.run(() -> {
            throw new IllegalArgumentException("no such customer: 17");
        })));

        int failed = 0;
        for (Job job : jobs) {
            String outcome;
            try {
                outcome = "ok      " + job.result.get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed++;
                Throwable c = e.getCause();
                if (c instanceof IsolateCrashedException crash) {
                    outcome = String.format(Locale.ROOT, "crashed pid %d, %s, exit code %d", crash.pid(), crash.reason(),
                            crash.exitCode());
                } else if (c instanceof IsolateTimeoutException timeout) {
                    outcome = String.format(Locale.ROOT, "timeout pid %d killed after %d ms", timeout.pid(),
                            timeout.timeout().toMillis());
                } else {
                    outcome = "threw   " + c;
                }
            }
            System.out.printf(Locale.ROOT, "%-28s %s%n", job.name, outcome);
        }
        System.out.printf(Locale.ROOT, "%d computations, %d failed in their isolates, this JVM (pid %d) is fine; %.1f s%n",
                jobs.size(), failed, ProcessHandle.current().pid(), (System.nanoTime() - started) / 1e9);
    }

    private record Job(String name, CompletableFuture<?> result) {
    }

    static long primeSum(int below) {
        return LongStream.range(2, below).filter(Demo::isPrime).sum();
    }

    private static boolean isPrime(long x) {
        for (long d = 2; d * d <= x; d++) {
            if (x % d == 0) {
                return false;
            }
        }
        return true;
    }

    static Integer hogHeap() {
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }
}
