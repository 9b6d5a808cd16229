package dev.isolates.launcher;

/** A program for {@link ArchiveTrainingTest} to record an archive on: prints one line, the JVM's sharing state. */
public final class AotTrainee {
    private AotTrainee() {
    }

    public static void main(String[] args) {
        // loads a few classes beyond the JDK's own, so the cache holds some of the jar's
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("b", "a"));
        java.util.Collections.sort(words);
        System.out.println(String.join("", words) + " " + System.getProperty("java.vm.info"));
    }
}
