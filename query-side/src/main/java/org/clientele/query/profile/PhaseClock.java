package org.clientele.query.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clientele.query.customer.CustomerHistory;
import org.clientele.query.customer.PurchaseFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time changes phases without any event: a customer who stops buying becomes INACTIVE a year later. Each profile
 * row records until when its phase holds; this clock re-assesses the rows whose time has come, with the same
 * function as the projection, so that filtering by phase stays right between events.
 */
@Component
class PhaseClock {

    private static final Logger log = LoggerFactory.getLogger(PhaseClock.class);
    private static final int BATCH = 1000;

    private final ProfileRepository repository;
    private final CustomerProfileProjection projection;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PhaseClock(
            ProfileRepository repository,
            CustomerProfileProjection projection,
            TransactionTemplate transactions,
            Clock clock) {
        this.repository = repository;
        this.projection = projection;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clientele.lifecycle.reassess-every:PT1M}",
            initialDelayString = "${clientele.lifecycle.reassess-every:PT1M}")
    void tick() {
        int total = 0;
        int done;
        do {
            Integer count = transactions.execute(status -> reassessDue(clock.instant()));
            done = count == null ? 0 : count;
            total += done;
        } while (done == BATCH);
        if (total > 0) {
            log.info("Re-assessed the lifecycle phase of {} customer(s)", total);
        }
    }

    /** Re-assesses up to one batch of due rows; answers how many were due. */
    int reassessDue(Instant now) {
        List<UUID> due = repository.findDueForReassessment(now, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        Map<UUID, ProfileRow> rows = repository.findRows(due);
        Map<UUID, List<PurchaseFact>> purchases = repository.findPurchaseFacts(due);
        for (ProfileRow row : rows.values()) {
            long readRevision = row.revision;
            projection.assess(
                    row, new CustomerHistory(purchases.getOrDefault(row.customerId, List.of()), row.churnedAt), now);
            repository.updatePhase(row, readRevision);
        }
        return due.size();
    }
}
