package org.clientele.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/**
 * Which command failures the gateway retries: Axon asks the predicate of every cause in the chain, so only failures
 * a retry would repeat may answer "non-transient", never a conflict or the database error under it.
 */
class RetryPolicyTest {

    private static final class RuleBroken extends RuntimeException implements NonTransient {}

    @Test
    void aBrokenRuleIsNotRetried() {
        assertThat(ProcessingConfiguration.isNonTransient(new RuleBroken())).isTrue();
        assertThat(ProcessingConfiguration.isNonTransient(new AggregateNotFoundException("c-1", "unknown")))
                .isTrue();
    }

    @Test
    void aConcurrencyConflictAndTheDatabaseErrorUnderItAreRetried() {
        BatchUpdateException duplicate = new BatchUpdateException("duplicate key", new int[0]);
        ConcurrencyException conflict = new ConcurrencyException("already inserted", duplicate);
        assertThat(ProcessingConfiguration.isNonTransient(conflict)).isFalse();
        assertThat(ProcessingConfiguration.isNonTransient(duplicate)).isFalse();
    }
}
