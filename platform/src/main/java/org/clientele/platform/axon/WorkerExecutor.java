package org.clientele.platform.axon;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of a pooled streaming processor's work packages. Axon's work package catches the exceptions of a
 * batch and hands its segment back, but an {@link Error} escapes it: the task dies inside its future, nobody hears of
 * it, and the work package never runs again, so the projection stands still until the process restarts. This
 * executor at least says so, once, with the cause.
 */
final class WorkerExecutor extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(WorkerExecutor.class);

    private final String processor;

    WorkerExecutor(String processor, int threads, ThreadFactory threadFactory) {
        super(threads, threadFactory);
        this.processor = processor;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown;
        if (failure == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (CancellationException | InterruptedException ignored) {
                // not a failure of the task
            }
        }
        if (failure instanceof Error) {
            log.error(
                    "A work package of processor {} died of an error; Axon will not run it again, so this projection"
                            + " stands still until the application restarts",
                    processor,
                    failure);
        }
    }
}
