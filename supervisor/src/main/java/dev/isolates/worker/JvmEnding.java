package dev.isolates.worker;

/**
 * The end of an isolate that is its JVM: {@link Runtime#halt} or {@link System#exit}.
 *
 * <p>Safe from any thread.
 */
final class JvmEnding implements IsolateEnding {
    @Override
    public void halt(int code) {
        Runtime.getRuntime().halt(code);
    }

    @Override
    public void exitInOrder(int code) {
        System.exit(code);
    }

    @Override
    public boolean ownsJvm() {
        return true;
    }

    @Override
    public boolean ended() {
        return false; // a halted JVM runs no code to ask
    }

    @Override
    public void checkEnded() {
        // a halted JVM runs nothing more
    }
}
