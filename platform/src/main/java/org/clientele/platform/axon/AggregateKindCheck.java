package org.clientele.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A command addressed to an id whose events belong to another kind of aggregate (a customer command on a campaign's
 * id) finds no aggregate of its kind: Axon reports it as an {@link IncompatibleAggregateException}, a defect of the
 * aggregate class, which each side's handlers would answer with a 500. It is the same outcome as an unknown id.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateKindCheck {

    @Bean
    Registration aggregateKindInterceptor(CommandBus commandBus) {
        return commandBus.registerHandlerInterceptor(new Interceptor());
    }

    /** Thrown instead: an {@link AggregateNotFoundException}, so every existing "not found" answer applies. */
    public static final class OtherKindOfAggregateException extends AggregateNotFoundException implements NonTransient {

        private final transient Class<?> commandType;

        OtherKindOfAggregateException(String aggregateIdentifier, Class<?> commandType) {
            super(
                    aggregateIdentifier,
                    "The id " + aggregateIdentifier + " belongs to another kind of record than "
                            + commandType.getSimpleName() + " addresses");
            this.commandType = commandType;
        }

        /** The command refused, for a side to answer a creation (the id is taken) apart from the rest. */
        public Class<?> commandType() {
            return commandType;
        }
    }

    static final class Interceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

        private final CommandTargetResolver targets =
                AnnotationCommandTargetResolver.builder().build();

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (IncompatibleAggregateException e) {
                CommandMessage<?> command = unitOfWork.getMessage();
                throw new OtherKindOfAggregateException(
                        targets.resolveTarget(command).getIdentifier(), command.getPayloadType());
            }
        }
    }
}
