package dev.isolates.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.Isolates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** Runs the cases below through the JUnit Platform's own engine, and checks what it reports. */
class IsolatedExtensionTest {

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    }

    @Test
    void aTestAndItsBeforeEachAndAfterEachRunInTheTestsOwnIsolate() {
        Events events = run(selectClass(Passing.class));
        events.assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertNull(Passing.inThisJvm, "the @BeforeEach ran in the test JVM");
    }

    @Test
    void anAssertionFailsTheTestWithItsOwnErrorAndTheIsolatesStack() {
        Events events = run(selectMethod(Failing.class, "assertsWrongly"));
        events.assertThatEvents().haveExactly(1, event(test("assertsWrongly"),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message("expected: <1> but was: <2>"))));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(List.of(failure.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("assertsWrongly")),
                "the isolate's stack names the test method");
    }

    @Test
    void anAfterEachRunsInTheIsolateAfterAFailedTestAndItsFailureIsKeptToo() {
        Events events = run(selectMethod(Failing.class, "throwsAndCleansUp"));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length, "the @AfterEach ran and failed too");
        assertEquals("after each in Failing.throwsAndCleansUp", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void aTestThatExitsExhaustsItsHeapOverflowsItsStackOrCrashesFailsAloneWithTheIsolatesReport() {
        Events events = run(selectClass(Crashing.class));
        events.assertStatistics(s -> s.started(6).succeeded(1).failed(5));
        events.assertThatEvents()
                .haveExactly(1, event(test("callsSystemExit"), finishedWithFailure(instanceOf(IsolateCrashedException.class),
                        message(m -> m.contains("System.exit") && m.contains("42")))))
                .haveExactly(1, event(test("exhaustsItsHeap"), finishedWithFailure(instanceOf(IsolateCrashedException.class),
                        message(m -> m.contains("OutOfMemoryError")))))
                .haveExactly(1, event(test("overflowsItsStack"), finishedWithFailure(instanceOf(IsolateCrashedException.class),
                        message(m -> m.contains("StackOverflowError")))))
                .haveExactly(1, event(test("crashesItsJvm"), finishedWithFailure(instanceOf(IsolateCrashedException.class),
                        message(m -> m.contains("SIGSEGV")))))
                .haveExactly(1, event(test("overrunsItsTimeout"), finishedWithFailure(instanceOf(IsolateTimeoutException.class))))
                .haveExactly(1, event(test("runsAfterTheOthers"), finishedSuccessfully()));
    }

    @Test
    void aParameterizedTestGetsItsArgumentsInTheIsolate() {
        Events events = run(selectClass(Parameterized.class));
        events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(AssertionFailedError.class),
                message(m -> m.contains("13")))));
    }

    @Test
    void aTestWithoutTheAnnotationRunsInTheTestJvmAsAlways() {
        Events events = run(selectClass(NotIsolated.class));
        events.assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(List.of("before", "test", "after"), NotIsolated.steps);
    }

    // ---- the cases, run by the tests above through EngineTestKit (Surefire skips nested classes) ----

    @Isolated
    static class Passing {
        static String inThisJvm;
        String debugName;

        @BeforeEach
        void setUp() {
            debugName = Isolates.current().debugName();
            inThisJvm = debugName; // set in the isolate's copy of the class only
        }

        @Test
        void runsInItsIsolate() {
            assertEquals("Passing.runsInItsIsolate", debugName);
            assertEquals("Passing.runsInItsIsolate", Isolates.current().debugName());
        }

        @Test
        void runsInAnotherIsolate() {
            assertEquals("Passing.runsInAnotherIsolate", debugName);
        }

        @Test
        @Isolated(jvmArgs = "-Dcase.flag=on")
        void getsItsJvmArguments() {
            assertEquals("on", System.getProperty("case.flag"));
        }

        @AfterEach
        void tearDown() {
            assertEquals(Isolates.current().debugName(), debugName);
        }
    }

    @Isolated
    static class Failing {
        @Test
        void assertsWrongly() {
            assertEquals(1, 2);
        }

        @Test
        void throwsAndCleansUp() {
            throw new IllegalStateException("the test's own failure");
        }

        @AfterEach
        void tearDown() {
            if (Isolates.current().debugName().endsWith("throwsAndCleansUp")) {
                throw new IllegalArgumentException("after each in " + Isolates.current().debugName());
            }
        }
    }

    static class Crashing {
        @Test
        @Isolated
        void callsSystemExit() {
            System.exit(42);
        }

        @Test
        @Isolated(maxHeap = "32m")
        void exhaustsItsHeap() {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }

        @Test
        @Isolated
        void overflowsItsStack() {
            recurse(0);
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }

        @Test
        @Isolated
        void crashesItsJvm() throws ReflectiveOperationException {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((sun.misc.Unsafe) f.get(null)).putAddress(0, 0); // SIGSEGV
        }

        @Test
        @Isolated(timeout = 2)
        void overrunsItsTimeout() throws InterruptedException {
            Thread.sleep(120_000);
        }

        @Test
        @Isolated
        void runsAfterTheOthers() {
            assertEquals(2, 1 + 1);
        }
    }

    static class Parameterized {
        @ParameterizedTest
        @ValueSource(ints = {2, 4, 13})
        @Isolated
        void isEven(int n) {
            assertEquals(0, n % 2, "odd: " + n);
        }
    }

    static class NotIsolated {
        static final List<String> steps = new ArrayList<>();

        @BeforeEach
        void before() {
            steps.clear();
            steps.add("before");
        }

        @Test
        void test() {
            steps.add("test");
        }

        @AfterEach
        void after() {
            steps.add("after");
        }
    }
}
