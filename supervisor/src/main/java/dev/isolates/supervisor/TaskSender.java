package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RunBatch;
import dev.isolates.runtime.SendFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Sends the tasks a pool's {@link Dispatcher} gave a slot: one task as a RUN message, several as one
 * RUN_BATCH. A batch that finds no room fails and retires the isolate (its queue files hold the
 * space; a replacement starts with empty ones once they are removed); one whose channel is broken
 * goes back to the head of the queue, and the isolate is killed (its end starts another).
 *
 * <p>Not thread-safe: called under its pool's lock.
 */
final class TaskSender implements Dispatcher.Sender {
    private final Deque<PoolTask<?>> queue;
    private final PoolOutcomes outcomes;
    private final TaskTimeouts timeouts;

    TaskSender(Deque<PoolTask<?>> queue, PoolOutcomes outcomes, TaskTimeouts timeouts) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.timeouts = timeouts;
    }

    @Override
    public void send(WorkerSlot w, List<PoolTask<?>> batch, boolean startsNow) {
        IsolateProcess p = w.process();
        try {
            if (batch.size() == 1) {
                PoolTask<?> t = batch.get(0);
                p.forward(MessageKind.RUN, t.id, ByteBuffer.wrap(t.encoded));
            } else {
                long[] ids = new long[batch.size()];
                List<byte[]> bodies = new ArrayList<>(batch.size());
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = batch.get(i).id;
                    bodies.add(batch.get(i).encoded);
                }
                p.forward(MessageKind.RUN_BATCH, 0, RunBatch.encode(ids, bodies));
            }
        } catch (InsufficientSpaceException e) {
            // Checked before anything was written: the tasks cannot go.
            IsolateException full = SendFailures.diskFull((batch.size() == 1 ? "the task" : "a batch of " + batch.size()
                    + " tasks") + " to " + Failures.describe(p), e);
            for (PoolTask<?> t : batch) {
                w.unassign(t);
                outcomes.fail(t, full);
            }
            w.retire("its queue could not take a task: " + e.getMessage());
            if (startsNow || batch.size() > 1) {
                p.shutdown(); // else the pool does, once the running task has answered
            }
            return;
        } catch (IOException e) {
            w.giveBack(batch, queue);
            w.end();
            p.kill();
            return;
        }
        if (startsNow) {
            timeouts.started(w, w.task());
        }
    }
}
