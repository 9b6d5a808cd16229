package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A {@code TransferableBuffer} was written into a message: as a handle to shared memory (its bytes
 * stay where they are) or as a copy of its bytes. Not thread-safe: one instance per buffer sent.
 */
@Name("dev.isolates.Transfer")
@Label("Transfer")
@Category("Isolates")
@StackTrace(false)
@Description("A TransferableBuffer was sent: as a handle to shared memory, or copied")
public final class TransferEvent extends Event {
    /** The buffer's size. */
    @Label("Bytes")
    @DataAmount
    public long bytes;

    /** {@code handle} when only a handle to the arena travelled, {@code copy} when the bytes did. */
    @Label("Form")
    public String form;
}
