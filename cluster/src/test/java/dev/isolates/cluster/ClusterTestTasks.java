package dev.isolates.cluster;

import dev.isolates.IsolateCallable;

/** Tasks the tests send to members; on the members' classpath through the test classpath. */
final class ClusterTestTasks {
    private ClusterTestTasks() {
    }

    /** Which member's isolate ran task {@code n}. */
    record Ran(long n, long memberPid) {
    }

    /** Sleeps, then names the member (the isolate's parent process) that ran it. */
    record Napping(long n, long millis) implements IsolateCallable<Ran> {
        @Override
        public Ran call() throws Exception {
            Thread.sleep(millis);
            return new Ran(n, ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        }
    }

    /** Ends its isolate's JVM at once, as a crash would. */
    record Halting() implements IsolateCallable<Long> {
        @Override
        public Long call() {
            Runtime.getRuntime().halt(3);
            return -1L;
        }
    }
}
