package dev.isolates;

/**
 * A task {@code isolatectl run} starts in an isolate: {@code isolatectl run --classpath app.jar
 * com.example.Report 2024}. Its result is printed as JSON. The class needs a public no-argument
 * constructor.
 */
public interface IsolateTask {
    /**
     * Runs the task with the command line's arguments; the result is turned into JSON in the isolate.
     *
     * @param args the arguments after the class name, in order; possibly empty
     * @return the result to print: a string, number, boolean, list, map, record or bean with getters;
     *         null prints {@code null}
     * @throws Exception anything; {@code isolatectl run} reports it on stderr and exits with 1
     */
    Object run(java.util.List<String> args) throws Exception;
}
