package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateTask;
import dev.isolates.SendPort;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What {@code isolatectl run} sends: the class to run and its arguments. In the isolate it loads
 * the class (never in the supervisor), runs an {@link IsolateTask} and returns its result as JSON
 * text, or runs {@code main} and returns null.
 *
 * <p>Before any of the plugin's code runs (its static initializer included), it sends {@link #TASK}
 * or {@link #MAIN} to {@code kind}: a {@code System.exit} is then the program's own exit code for a
 * main class, and a crash for a task, which has no exit code of its own to give.
 *
 * <p>An isolate started for the run has the plugin's classpath on its JVM's; a prestarted one
 * gets copies of its entries after its start ({@code lateClasspath}), and the class loads from a
 * {@link PluginClassLoader} over them, which becomes the context class loader of the isolate.
 *
 * @param className     the class named on the command line
 * @param args          the arguments after it
 * @param kind          where to say which kind of class it is
 * @param lateClasspath the copies of the plugin's classpath entries for a prestarted isolate; empty
 *                      when its JVM started with them
 */
record PluginRun(String className, List<String> args, SendPort kind, List<String> lateClasspath)
        implements IsolateCallable<String> {
    static final String TASK = "task";
    static final String MAIN = "main";

    @Override
    public String call() throws Exception {
        if (!lateClasspath.isEmpty()) {
            Thread.currentThread().setContextClassLoader(
                    PluginClassLoader.of(lateClasspath, PluginRun.class.getClassLoader()));
        }
        Class<?> c = PluginClasses.load(className, false);
        if (IsolateTask.class.isAssignableFrom(c)) {
            kind.send(TASK);
            IsolateTask task = (IsolateTask) PluginClasses.make(PluginClasses.initialize(c), IsolateTask.class);
            return Json.write(task.run(args));
        }
        Method main = PluginClasses.main(c);
        if (main == null) {
            throw new PluginClassException("class " + className
                    + " neither implements dev.isolates.IsolateTask nor has public static void main(String[])");
        }
        kind.send(MAIN);
        PluginClasses.initialize(c);
        try {
            main.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
        System.out.flush();
        return null;
    }
}
