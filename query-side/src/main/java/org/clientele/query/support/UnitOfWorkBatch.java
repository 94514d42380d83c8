package org.clientele.query.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gathers what a projection's handlers learn from a whole batch of events and writes it once, just before the
 * batch's transaction commits, together with the processor's token. This is what lets a replay run at batch
 * speed instead of one round trip per event; a failure rolls back the batch and its token alike.
 */
public final class UnitOfWorkBatch {

    private UnitOfWorkBatch() {}

    public static <B> B current(String key, Supplier<B> factory, Consumer<B> flush) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            B batch = factory.get();
            unitOfWork.onPrepareCommit(committing -> flush.accept(batch));
            return batch;
        });
    }
}
