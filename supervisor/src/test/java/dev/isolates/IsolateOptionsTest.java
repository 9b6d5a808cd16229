package dev.isolates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolateOptionsTest {
    @Test
    void shouldRejectMalformedHeapNamingExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsolateOptions.builder().maxHeap("abc"));
        assertTrue(e.getMessage().contains("256m"), e.getMessage());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void shouldRejectZeroAndNegativeTimeout() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> IsolateOptions.builder().timeout(Duration.ZERO));
        assertTrue(zero.getMessage().contains("timeout must be positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IsolateOptions.builder().timeout(Duration.ofSeconds(-1)));
    }

    @Test
    void shouldRejectBlankDebugName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsolateOptions.builder().debugName("   "));
        assertTrue(e.getMessage().contains("debugName"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IsolateOptions.builder().debugName(""));
        assertThrows(IllegalArgumentException.class, () -> IsolateOptions.builder().debugName("bad\nname"));
        assertThrows(IllegalArgumentException.class, () -> IsolateOptions.builder().debugName("x".repeat(101)));
    }

    @Test
    void shouldRejectNulls() {
        assertThrows(NullPointerException.class, () -> IsolateOptions.builder().debugName(null));
        assertThrows(NullPointerException.class, () -> IsolateOptions.builder().maxHeap(null));
        assertThrows(NullPointerException.class, () -> IsolateOptions.builder().jvmArgs("-Xss4m", null));
        assertThrows(NullPointerException.class, () -> IsolateOptions.builder().timeout(null));
    }

    @Test
    void shouldHaveEmptyDefaults() {
        IsolateOptions d = IsolateOptions.defaults();
        assertEquals(Optional.empty(), d.debugName());
        assertEquals(Optional.empty(), d.maxHeap());
        assertEquals(Optional.empty(), d.timeout());
        assertEquals(List.of(), d.jvmArgs());
        assertEquals(List.of(), d.classpath());
        assertEquals(Map.of(), d.environment());
    }

    @Test
    void shouldRoundTripThroughToBuilder() {
        IsolateOptions options = IsolateOptions.builder()
                .debugName("parser")
                .maxHeap("256m")
                .jvmArgs("-Xss4m", "-Dmode=fast")
                .classpath(Path.of("plugins/a.jar"), Path.of("/opt/classes"))
                .timeout(Duration.ofSeconds(30))
                .environment(Map.of("LANG", "C.UTF-8"))
                .build();

        IsolateOptions copy = options.toBuilder().build();

        assertEquals(options.debugName(), copy.debugName());
        assertEquals(options.maxHeap(), copy.maxHeap());
        assertEquals(options.jvmArgs(), copy.jvmArgs());
        assertEquals(options.classpath(), copy.classpath());
        assertEquals(options.timeout(), copy.timeout());
        assertEquals(options.environment(), copy.environment());
        assertEquals(options.toString(), copy.toString());
        assertEquals(Optional.of("parser"), copy.debugName());
        assertEquals(Optional.of(Duration.ofSeconds(30)), copy.timeout());
    }

    @Test
    void shouldNotChangeBuiltOptionsWhenBuilderChanges() {
        IsolateOptions.Builder builder = IsolateOptions.builder().jvmArgs("-Xss4m");
        IsolateOptions built = builder.build();
        builder.jvmArgs("-Xss8m").debugName("later");

        assertEquals(List.of("-Xss4m"), built.jvmArgs());
        assertEquals(Optional.empty(), built.debugName());
        assertThrows(UnsupportedOperationException.class, () -> built.jvmArgs().add("-X"));

        IsolateOptions derived = built.toBuilder().maxHeap("1g").build();
        assertEquals(Optional.empty(), built.maxHeap(), "toBuilder copies, it does not share");
        assertEquals(Optional.of("1g"), derived.maxHeap());
    }
}
