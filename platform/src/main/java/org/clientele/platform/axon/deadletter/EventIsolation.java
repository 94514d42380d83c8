package org.clientele.platform.axon.deadletter;

import jakarta.annotation.Nonnull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the one event that a projection cannot write. Projections write a whole batch at commit time, where a
 * failure rolls the batch back without saying which event caused it, and the dead-letter queue cannot set it aside.
 * So after a batch of a group rolls back, the group is <em>isolating</em>: its retried batch runs each event in a
 * savepoint, its share of the batch written as soon as its handler returns. The event that fails rolls back to its
 * savepoint and reaches the dead-letter queue with its cause; the others commit. The next committed batch ends
 * isolation, and batches are written whole again. A dead letter handed back for a retry is handled the same way.
 */
public final class EventIsolation implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(EventIsolation.class);
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private final Predicate<String> isolatedGroups;
    private final TransactionTemplate savepoint;
    private final Set<String> isolating = ConcurrentHashMap.newKeySet();

    EventIsolation(Predicate<String> isolatedGroups, PlatformTransactionManager transactions) {
        this.isolatedGroups = isolatedGroups;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The batches of the event being handled in isolation on this thread, or null when batches are whole. */
    public static Scope currentScope() {
        return SCOPE.get();
    }

    public boolean isIsolating(String group) {
        return isolating.contains(group);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        ProcessingGroup group =
                AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(), ProcessingGroup.class);
        if (group == null || !isolatedGroups.test(group.value())) {
            return original;
        }
        return new Isolated<>(original, group.value());
    }

    private final class Isolated<T> extends WrappedMessageHandlingMember<T> {

        private final String group;

        Isolated(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.group = group;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            Batch batch = watch();
            if (!(isolating.contains(group) || retryingDeadLetter()) || SCOPE.get() != null) {
                return super.handle(message, target);
            }
            if (batch != null) {
                batch.isolated = true;
            }
            try {
                return savepoint.execute(status -> {
                    Scope scope = new Scope();
                    SCOPE.set(scope);
                    try {
                        Object result = super.handle(message, target);
                        scope.flush();
                        return result;
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception e) {
                        throw new Checked(e);
                    } finally {
                        SCOPE.remove();
                    }
                });
            } catch (Checked wrapped) {
                throw wrapped.exception;
            }
        }

        /**
         * A dead letter handed back to the projection is handled alone, in a savepoint: if it fails again, the
         * queue must still be able to record the new attempt in the same transaction.
         */
        private boolean retryingDeadLetter() {
            return CurrentUnitOfWork.isStarted()
                    && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
        }

        /**
         * Once per unit of work: a rollback starts isolation for the group; a commit of a batch that was handled in
         * isolation ends it (a batch that holds none of the group's events proves nothing).
         */
        private Batch watch() {
            if (!CurrentUnitOfWork.isStarted()) {
                return null;
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            return root.getOrComputeResource("event-isolation:" + group, key -> {
                Batch batch = new Batch();
                root.onRollback(rolledBack -> {
                    if (isolating.add(group)) {
                        log.warn(
                                "A batch of projection {} failed; it is retried one event at a time, and an event"
                                        + " that fails alone goes to the dead-letter queue",
                                group);
                    }
                });
                root.afterCommit(committed -> {
                    if (batch.isolated && isolating.remove(group)) {
                        log.info("Projection {} got past the failing batch; batches are written whole again", group);
                    }
                });
                return batch;
            });
        }
    }

    /** Whether a unit of work handled any of its events in isolation. */
    private static final class Batch {
        private boolean isolated;
    }

    /** The batches one isolated event's handlers gathered, written together when its handler returns. */
    public static final class Scope {

        private final Map<String, Object> batches = new LinkedHashMap<>();
        private final List<Runnable> flushes = new ArrayList<>();

        @SuppressWarnings("unchecked")
        public <B> B batch(String key, Supplier<B> factory, Consumer<B> flush) {
            return (B) batches.computeIfAbsent(key, ignored -> {
                B batch = factory.get();
                flushes.add(() -> flush.accept(batch));
                return batch;
            });
        }

        void flush() {
            flushes.forEach(Runnable::run);
        }
    }

    private static final class Checked extends RuntimeException {

        private final Exception exception;

        Checked(Exception exception) {
            super(exception);
            this.exception = exception;
        }
    }
}
