package dev.isolates.runtime;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of an {@link dev.isolates.IsolatePool#map}: the function and a slice of the inputs,
 * sent as one task; in the isolate it applies the function to each input in order and answers the
 * list of results. The function throwing stops the chunk with a {@link MapChunkFailure} naming the
 * input's place in the chunk.
 */
public final class MapChunk<A, R> implements IsolateCallable<List<R>> {
    private static final long serialVersionUID = 1L;

    private final IsolateFunction<A, R> function;
    private final ArrayList<A> inputs;

  public   MapChunk(IsolateFunction<A, R> function, List<A> inputs) {
        this.function = function;
        this.inputs = new ArrayList<>(inputs); // a plain list: a view (subList) would carry its whole parent
    }

    @Override
    public List<R> call() {
        List<R> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                results.add(function.apply(inputs.get(i)));
            } catch (VirtualMachineError e) {
                throw e; // the isolate's end, not the input's failure
            } catch (Throwable t) {
                throw MapChunkFailure.at(i, t);
            }
        }
        return results;
    }
}
