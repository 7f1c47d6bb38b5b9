package io.rhwatch.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.function.Supplier;

/** On a failure (in a test or while setting up the mesh), prints the end of every process's log. */
final class LogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int LINES = 60;

    private final Supplier<Path> logs;

    LogsOnFailure(Supplier<Path> logs) {
        this.logs = logs;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        E2e.progress(context.getDisplayName() + " failed; the processes' logs follow");
        E2e.printLogTails(logs.get(), LINES);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        E2e.progress("setting up the mesh failed (" + throwable.getMessage() + "); the processes' logs follow");
        E2e.printLogTails(logs.get(), LINES);
        throw throwable;
    }
}
