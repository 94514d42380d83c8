package org.clientele.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.clientele.platform.axon.rebuild.RebuildProgress;
import org.clientele.platform.axon.rebuild.ShadowRebuild;
import org.clientele.platform.web.FieldError;
import org.clientele.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows how far each projection has read, and rebuilds one from the start of the event store. A replay empties
 * the projection's tables (its reset handler) and its dead-letter queue, and re-reads every event; the view is
 * complete again once its position reaches the head of the store. The events a projection could not handle are
 * listed with their cause, and retried once the cause is mended.
 */
@RestController
@RequestMapping("/api/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Projection administration")
class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final ShadowRebuild rebuild;

    ProjectionAdminController(EventProcessingConfiguration processing, ShadowRebuild rebuild) {
        this.processing = processing;
        this.rebuild = rebuild;
    }

    record ProjectionStatus(
            String name,
            boolean running,

            @Schema(description = "Re-reading events it had handled before a reset; false again once past them")
            boolean replaying,

            int segmentsClaimed,
            Long position,

            @Schema(description = "Events in the store past this projection's position")
            Long lag,

            @Schema(description = "Events set aside because the projection could not handle them")
            long deadLetters) {}

    record RebuildRequest(
            @Schema(description = "The projections to rebuild together; all of them when absent")
            List<String> projections) {}

    record DeadLetterView(
            @Schema(description = "The sequence the event belongs to: its customer's or campaign's id")
            String sequence,

            String eventId,
            String eventType,
            String aggregateId,
            Long aggregateSequence,
            Instant eventTimestamp,
            Instant enqueuedAt,
            Instant lastTouched,
            String causeType,
            String causeMessage) {}

    record DeadLetterPage(String projection, long deadLetters, long sequences, List<DeadLetterView> items) {}

    record RetryResult(String projection, int sequencesTried, int sequencesCleared, long deadLettersLeft) {}

    @GetMapping
    @Operation(summary = "Every projection with its position in the event store")
    List<ProjectionStatus> list() {
        long head = rebuild.head();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild one projection from the whole event store (single query-side instance only)")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "REPLAY_NOT_SUPPORTED", "Projection " + name + " cannot be replayed");
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(status(processor));
    }

    @PostMapping("/{name}/rebuild")
    @Operation(
            summary = "Rebuild one projection in a shadow generation while the live one keeps serving",
            description = "The new generation is built from the whole event store in fresh tables, then replaces the"
                    + " live tables in one transaction once it has caught up; follow it with GET"
                    + " /api/admin/projections/rebuild. A rebuild interrupted by a crash or a restart resumes on the"
                    + " next start.")
    ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        processor(name);
        if (!rebuild.rebuildable().contains(name)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "REBUILD_NOT_SUPPORTED", "Projection " + name + " cannot be rebuilt here");
        }
        return startRebuild(List.of(name));
    }

    @PostMapping("/rebuild")
    @Operation(
            summary = "Rebuild several projections, or every one, in one shadow generation",
            description = "One pass over the event store feeds every chosen projection; they switch together.")
    ResponseEntity<RebuildProgress> rebuildAll(
            @org.springframework.web.bind.annotation.RequestBody(required = false) RebuildRequest request) {
        List<String> names = request == null
                        || request.projections() == null
                        || request.projections().isEmpty()
                ? List.copyOf(rebuild.rebuildable())
                : request.projections();
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || !rebuild.rebuildable().contains(names.get(i))) {
                unknown.add(new FieldError("projections[" + i + "]", "must be one of " + rebuild.rebuildable()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Unknown projection to rebuild", unknown);
        }
        return startRebuild(names);
    }

    @GetMapping("/rebuild")
    @Operation(summary = "The running rebuild, or the last one: position, head, events/s and time left")
    RebuildProgress rebuildProgress() {
        return rebuild.progress()
                .orElseThrow(() -> ProblemException.notFound("NO_REBUILD", "No rebuild has run since the start"));
    }

    private ResponseEntity<RebuildProgress> startRebuild(List<String> names) {
        try {
            return ResponseEntity.accepted().body(rebuild.start(names));
        } catch (IllegalStateException running) {
            throw new ProblemException(HttpStatus.CONFLICT, "REBUILD_RUNNING", "A rebuild is already running");
        }
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(
            summary = "The events this projection set aside, oldest sequence first",
            description = "An event that a projection cannot handle (an unreadable payload, a value its tables"
                    + " cannot hold) is set aside with its cause, and its customer's later events wait behind it,"
                    + " so that every other customer's view stays current.")
    DeadLetterPage deadLetters(
            @PathVariable String name,
            @Parameter(description = "At most this many sequences (1 to 500)") @RequestParam(defaultValue = "100")
                    int limit) {
        if (limit < 1 || limit > 500) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "Parameter 'limit' must be between 1 and 500",
                    List.of(new FieldError("limit", "must be between 1 and 500")));
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<DeadLetterView> items = new ArrayList<>();
        int sequences = 0;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (sequences++ >= limit) {
                break;
            }
            sequence.forEach(letter -> items.add(view(letter)));
        }
        return new DeadLetterPage(name, queue.size(), queue.amountOfSequences(), items);
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(
            summary = "Hand every set-aside sequence to the projection again",
            description = "Each sequence is tried once, in order; a sequence whose event fails again stays in the"
                    + " queue with its new cause.")
    RetryResult retryDeadLetters(@PathVariable String name) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        SequencedDeadLetterProcessor<EventMessage<?>> letters =
                processing.sequencedDeadLetterProcessor(name).orElseThrow(() -> noDeadLetters(name));
        int tried = (int) Math.min(queue.amountOfSequences(), Integer.MAX_VALUE);
        int cleared = 0;
        for (int i = 0; i < tried; i++) {
            if (letters.processAny()) {
                cleared++;
            }
        }
        return new RetryResult(name, tried, cleared, queue.size());
    }

    private StreamingEventProcessor processor(String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> ProblemException.notFound("PROJECTION_NOT_FOUND", "No projection named " + name));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        processor(name);
        return processing.deadLetterQueue(name).orElseThrow(() -> noDeadLetters(name));
    }

    private static ProblemException noDeadLetters(String name) {
        return new ProblemException(
                HttpStatus.CONFLICT, "NO_DEAD_LETTER_QUEUE", "Projection " + name + " has no dead-letter queue");
    }

    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String sequence = letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
        String aggregateId = null;
        Long aggregateSequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        return new DeadLetterView(
                sequence,
                event.getIdentifier(),
                eventType(event),
                aggregateId,
                aggregateSequence,
                event.getTimestamp(),
                letter.enqueuedAt(),
                letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null),
                letter.cause().map(Cause::message).orElse(null));
    }

    /** The stored type's name: an event that cannot be read back still says what it was meant to be. */
    private static String eventType(EventMessage<?> event) {
        try {
            return event.getPayloadType().getSimpleName();
        } catch (RuntimeException unreadable) {
            return "unknown";
        }
    }

    private long deadLetterCount(String name) {
        try {
            return processing
                    .deadLetterQueue(name)
                    .map(SequencedDeadLetterQueue::size)
                    .orElse(0L);
        } catch (RuntimeException unavailable) {
            return -1;
        }
    }

    private ProjectionStatus status(StreamingEventProcessor processor) {
        return status(processor, rebuild.head());
    }

    private ProjectionStatus status(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Long position = segments.values().stream()
                .map(status -> status.getCurrentPosition().orElse(-1))
                .min(Long::compare)
                .filter(value -> value >= 0)
                .orElse(null);
        // Axon keeps a replay token "replaying" until an event past the reset point arrives, which may be never:
        // a segment replays only while it has not yet reached the position it was reset at
        boolean replaying = segments.values().stream()
                .anyMatch(status -> status.isReplaying()
                        && status.getResetPosition().isPresent()
                        && status.getCurrentPosition().orElse(-1)
                                < status.getResetPosition().getAsLong());
        return new ProjectionStatus(
                processor.getName(),
                processor.isRunning(),
                replaying,
                segments.size(),
                position,
                position == null ? null : Math.max(0, head - position),
                deadLetterCount(processor.getName()));
    }
}
