package dev.isolates.supervisor;

import dev.isolates.IsolateExit;

/** What an {@link IsolateProcess}'s reader thread reports. Called on that thread, one call at a time. */
interface IsolateListener {
    /** An answer arrived, already decoded; its frame is released. */
    void onAnswer(IsolateProcess isolate, Answer answer);

    /** The JVM is gone and every message it sent was delivered. */
    void onExit(IsolateProcess isolate, IsolateExit exit);
}
