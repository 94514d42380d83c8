package org.clientele.platform.axon;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.clientele.platform.axon.deadletter.EventIsolation;

/**
 * Gathers what a projection's handlers learn from a whole batch of events and writes it once, just before the
 * batch's transaction commits, together with the processor's token. This is what lets a replay run at batch
 * speed instead of one round trip per event; a failure rolls back the batch and its token alike.
 * <p>
 * After such a failure the processor retries the batch one event at a time ({@link EventIsolation}): each event's
 * share is then written as soon as its handler returns, so the one event that cannot be written is dead-lettered
 * and the rest of the batch goes through.
 */
public final class UnitOfWorkBatch {

    private UnitOfWorkBatch() {}

    public static <B> B current(String key, Supplier<B> factory, Consumer<B> flush) {
        EventIsolation.Scope isolated = EventIsolation.currentScope();
        if (isolated != null) {
            return isolated.batch(key, factory, flush);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            B batch = factory.get();
            unitOfWork.onPrepareCommit(committing -> flush.accept(batch));
            return batch;
        });
    }
}
