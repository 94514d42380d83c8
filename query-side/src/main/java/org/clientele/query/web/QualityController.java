package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.query.quality.DataQualityReport;
import org.clientele.query.quality.DuplicateCandidates;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer file's health: probable duplicates to review, and the data-quality and contactability report. */
@RestController
@PreAuthorize(Roles.CAN_READ)
@Tag(name = "Data quality")
class QualityController {

    private final DuplicateCandidates duplicates;
    private final DataQualityReport report;
    private final Clock clock;

    QualityController(DuplicateCandidates duplicates, DataQualityReport report, Clock clock) {
        this.duplicates = duplicates;
        this.report = report;
        this.clock = clock;
    }

    @GetMapping("/api/customers/duplicates")
    @Operation(summary = "Probable duplicates, each pair with the evidence, for review before a merge")
    List<DuplicateCandidates.Pair> duplicates(@RequestParam(defaultValue = "100") int limit) {
        FieldErrors errors = new FieldErrors();
        if (limit < 1 || limit > 10_000) {
            errors.reject("limit", "must be between 1 and 10000");
        }
        errors.throwIfAny();
        return duplicates.find(limit);
    }

    /**
     * @param asOf an instant, or a date meaning the end of that day (UTC); now when absent
     */
    @GetMapping("/api/reports/data-quality")
    @Operation(
            summary = "Fill rate and validity per field, reachability per channel, duplicates, and lifecycle "
                    + "counts, as of now or any past date")
    DataQualityReport.Report dataQuality(
            @RequestParam(required = false) String asOf, @RequestParam(defaultValue = "marketing") String purpose) {
        FieldErrors errors = new FieldErrors();
        Instant at = asOf == null ? clock.instant() : errors.required("asOf", asOf, DateParameters::endOfDay);
        ConsentPurpose consentPurpose = errors.required("purpose", purpose, ConsentPurpose::of);
        errors.throwIfAny();
        return report.asOf(at, consentPurpose.value(), asOf == null);
    }
}
