package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateTask;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What {@code isolatectl run} sends: the class to run and its arguments. In the isolate it loads
 * the class (never in the supervisor), runs an {@link IsolateTask} and returns its result as JSON
 * text, or runs {@code main} and returns null.
 *
 * @param className the class named on the command line
 * @param args      the arguments after it
 */
record PluginRun(String className, List<String> args) implements IsolateCallable<String> {
    @Override
    public String call() throws Exception {
        Class<?> c = PluginClasses.load(className);
        if (IsolateTask.class.isAssignableFrom(c)) {
            IsolateTask task = (IsolateTask) PluginClasses.make(c, IsolateTask.class);
            return Json.write(task.run(args));
        }
        Method main = PluginClasses.main(c);
        if (main == null) {
            throw new PluginClassException("class " + className
                    + " neither implements dev.isolates.IsolateTask nor has public static void main(String[])");
        }
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
