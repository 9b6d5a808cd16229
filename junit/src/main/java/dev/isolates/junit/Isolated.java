package dev.isolates.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test, or every test of a class, in its own isolate: a fresh JVM of its own, started for
 * that test. A test whose code calls {@code System.exit}, exhausts its heap or crashes its JVM then
 * fails with the isolate's report (why it ended, its exit code, its last stderr lines), and the
 * test JVM and the other tests go on.
 *
 * <pre>{@code
 * class ReportTest {
 *     @Test
 *     @Isolated(maxHeap = "64m", timeout = 30)
 *     void aHugeReportFailsAloneInsteadOfTakingTheBuildDown() {
 *         new Report().render(hugeInput());   // an OutOfMemoryError here ends only the isolate
 *     }
 * }
 * }</pre>
 *
 * <p>In the isolate the test class is loaded afresh and a new instance made with its no-argument
 * constructor; its {@code @BeforeEach} methods run there (outermost class first), then the test,
 * then its {@code @AfterEach} methods, even when the test failed. The test method's arguments are
 * sent to the isolate (those of a {@code @ParameterizedTest} are sendable values); parameters that
 * JUnit resolves from the test JVM ({@code TestInfo}, {@code @TempDir}) and fields other
 * extensions set are not there. {@code @BeforeAll} and {@code @AfterAll} run in the test JVM.
 * A failure comes back as the test's own: an assertion's {@code AssertionFailedError} with the
 * isolate's stack, or the isolate's crash as {@code IsolateCrashedException}.
 *
 * <p>The test JVM needs the library's JVM options (see {@code Isolates.jvmOptions()}), for
 * example in Surefire's {@code argLine}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IsolatedExtension.class)
public @interface Isolated {
    /**
     * The isolate's largest heap, such as {@code 64m} or {@code 2g}; empty for the JVM's default.
     *
     * @return the {@code -Xmx} size, or empty
     */
    String maxHeap() default "";

    /**
     * More options for the isolate's JVM, such as {@code -Dfeature=on}.
     *
     * @return the options, in order
     */
    String[] jvmArgs() default {};

    /**
     * How long the test may run in its isolate, in {@link #timeoutUnit()}, before the isolate is
     * killed and the test fails with {@code IsolateTimeoutException}; 0 for no limit.
     *
     * @return the limit, or 0
     */
    long timeout() default 0;

    /**
     * The unit of {@link #timeout()}.
     *
     * @return the unit; seconds by default
     */
    TimeUnit timeoutUnit() default TimeUnit.SECONDS;
}
