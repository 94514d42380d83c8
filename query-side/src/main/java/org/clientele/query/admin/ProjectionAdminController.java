package org.clientele.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.clientele.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows how far each projection has read, and rebuilds one from the start of the event store. A replay empties
 * the projection's tables (its reset handler) and re-reads every event; the view is complete again once its
 * position reaches the head of the store.
 */
@RestController
@RequestMapping("/api/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Projection administration")
class ProjectionAdminController {

    private final EventProcessingConfiguration processing;

    ProjectionAdminController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    record ProjectionStatus(String name, boolean running, boolean replaying, int segmentsClaimed, Long position) {}

    @GetMapping
    @Operation(summary = "Every projection with its position in the event store")
    List<ProjectionStatus> list() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(ProjectionAdminController::status)
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild one projection from the whole event store (single query-side instance only)")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> ProblemException.notFound("PROJECTION_NOT_FOUND", "No projection named " + name));
        if (!processor.supportsReset()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "REPLAY_NOT_SUPPORTED", "Projection " + name + " cannot be replayed");
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(status(processor));
    }

    private static ProjectionStatus status(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Long position = segments.values().stream()
                .map(status -> status.getCurrentPosition().orElse(-1))
                .min(Long::compare)
                .filter(value -> value >= 0)
                .orElse(null);
        return new ProjectionStatus(
                processor.getName(), processor.isRunning(), processor.isReplaying(), segments.size(), position);
    }
}
