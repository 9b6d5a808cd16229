package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.UnsendableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FutureCompleterTest {
    private final List<Runnable> elsewhere = new ArrayList<>();
    private final FutureCompleter completer = new FutureCompleter(elsewhere::add);

    private static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldCompleteWithTheValueOfAValueAnswer() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        assertTrue(FutureCompleter.complete(f, new Answer.Value(1, "seven")));
        assertEquals("seven", f.get());
        assertNull(FutureCompleter.exception(new Answer.Value(1, null)));
    }

    @Test
    void shouldFailWithTheExceptionOfEachOtherAnswer() {
        Throwable thrown = new IllegalStateException("thrown in the isolate");
        UnsendableException unsendable = new UnsendableException("cannot send", "result", "java.lang.Thread", null);
        IsolateException unread = new IsolateException("could not be read here");
        List<Answer> answers = List.of(new Answer.Failed(1, thrown), new Answer.Unsendable(1, unsendable),
                new Answer.Unreadable(1, unread, true));
        List<Throwable> expected = List.of(thrown, unsendable, unread);
        for (int i = 0; i < answers.size(); i++) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            assertTrue(FutureCompleter.complete(f, answers.get(i)));
            assertSame(expected.get(i), failureOf(f), answers.get(i).toString());
            assertSame(expected.get(i), FutureCompleter.exception(answers.get(i)));
        }
    }

    @Test
    void shouldLeaveACompletedFutureAsItWas() throws Exception {
        CompletableFuture<String> f = CompletableFuture.completedFuture("first");
        assertFalse(FutureCompleter.complete(f, new Answer.Value(1, "second")));
        assertEquals("first", f.get());
    }

    @Test
    void shouldCompleteSettledFuturesOnlyWhenAskedAndInOrder() {
        CompletableFuture<Object> a = new CompletableFuture<>();
        CompletableFuture<Object> b = new CompletableFuture<>();
        IsolateException crash = new IsolateException("isolate died");
        completer.later(a, new Answer.Value(1, 1));
        completer.laterFail(b, crash);
        assertFalse(a.isDone() || b.isDone(), "nothing completes while the pool holds its lock");
        completer.completeSettled();
        assertTrue(a.isDone());
        assertSame(crash, failureOf(b));
        assertTrue(elsewhere.isEmpty(), "without dependents they complete on this thread");
    }

    @Test
    void shouldCompleteAFutureWithDependentsElsewhere() throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        CompletableFuture<Object> dependent = f.thenApply(v -> v);
        completer.later(f, new Answer.Value(1, "v"));
        completer.completeSettled();
        assertFalse(f.isDone(), "its callbacks must not run on the reader thread");
        assertEquals(1, elsewhere.size());
        elsewhere.get(0).run();
        assertEquals("v", dependent.get());
    }

    @Test
    void shouldKeepEachThreadsSettledCompletionsApart() throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        completer.later(f, new Answer.Value(1, "v"));
        Thread other = new Thread(completer::completeSettled);
        other.start();
        other.join(30_000);
        assertFalse(f.isDone());
        completer.completeSettled();
        assertTrue(f.isDone());
    }
}
