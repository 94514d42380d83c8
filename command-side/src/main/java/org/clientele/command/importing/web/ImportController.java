package org.clientele.command.importing.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.clientele.command.importing.ImportJob;
import org.clientele.command.importing.ImportKind;
import org.clientele.command.importing.ImportMapping;
import org.clientele.command.importing.ImportProgress;
import org.clientele.command.importing.ImportService;
import org.clientele.command.importing.Rejected;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.FieldError;
import org.clientele.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Customer-file imports: upload a contacts or purchases file with its column mapping, follow the job, read its
 * rejected rows, and download them as a CSV to fix and import again.
 */
@RestController
@RequestMapping("/api/imports")
@PreAuthorize(Roles.CAN_WRITE)
@Tag(name = "Imports")
class ImportController {

    private static final int MAX_PAGE = 1000;

    private final ImportService imports;
    private final ObjectMapper json;
    private final Clock clock;

    ImportController(ImportService imports, ObjectMapper json, Clock clock) {
        this.imports = imports;
        this.json = json;
        this.clock = clock;
    }

    record JobView(
            UUID id,
            ImportKind kind,
            String fileName,
            String status,
            ImportProgress progress,
            double rowsPerSecond,
            Long secondsLeft,
            Instant startedAt,
            Instant finishedAt,
            String failure,
            String startedBy,
            boolean reconciled) {}

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a contacts or purchases file (CSV, optionally gzip) with its column mapping")
    ResponseEntity<JobView> submit(
            @PathVariable String kind,
            @RequestPart("file") MultipartFile file,
            @RequestPart("mapping") String mapping,
            Authentication user)
            throws IOException {
        ImportKind importKind = kind(kind);
        ImportMapping parsed;
        try {
            parsed = json.readValue(mapping, ImportMapping.class);
        } catch (IOException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "The mapping is not valid JSON: " + e.getMessage(),
                    List.of(new FieldError("mapping", "is not a valid mapping document")));
        }
        if (file.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD",
                    "The file is empty",
                    List.of(new FieldError("file", "is empty")));
        }
        UUID id = imports.submit(
                importKind,
                parsed,
                file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(),
                file.getInputStream(),
                user.getName());
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + id))
                .body(view(job(id)));
    }

    @GetMapping
    @Operation(summary = "The latest imports, newest first")
    List<JobView> latest(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "limit must be between 1 and " + MAX_PAGE,
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_PAGE)));
        }
        return imports.latest(limit).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "An import's state: rows read, accepted, rejected and returned, rate and time left")
    JobView status(@PathVariable UUID id) {
        return view(job(id));
    }

    @GetMapping("/{id}/rejections")
    @Operation(summary = "The rejected rows of an import, with their line numbers and reasons")
    List<Rejected> rejections(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "100") int limit) {
        job(id);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "offset must be 0 or more and limit between 1 and " + MAX_PAGE,
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_PAGE)));
        }
        return imports.rejections(id, offset, limit);
    }

    @GetMapping(path = "/{id}/rejections.csv", produces = "text/csv")
    @Operation(summary = "The rejected rows as a CSV with the file's own columns plus the reason, to fix and re-import")
    ResponseEntity<StreamingResponseBody> rejectionsCsv(@PathVariable UUID id) {
        ImportJob job = job(id);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
                List<String> header =
                        job.header() == null ? List.of() : List.of(job.header().split(","));
                printer.printRecord(concat(header, "rejection_line", "rejection_reason"));
                long offset = 0;
                List<Rejected> page;
                do {
                    page = imports.rejections(id, offset, MAX_PAGE);
                    for (Rejected rejected : page) {
                        List<String> values =
                                CSVFormat.DEFAULT.parse(new java.io.StringReader(rejected.raw())).getRecords().stream()
                                        .findFirst()
                                        .map(record -> record.toList())
                                        .orElse(List.of());
                        printer.printRecord(concat(values, String.valueOf(rejected.lineNumber()), rejected.reason()));
                    }
                    offset += page.size();
                } while (page.size() == MAX_PAGE);
            }
        };
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"rejected-" + id + ".csv\"")
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(body);
    }

    @ExceptionHandler(ImportService.InvalidMapping.class)
    ResponseEntity<org.springframework.http.ProblemDetail> invalidMapping(
            ImportService.InvalidMapping e, jakarta.servlet.http.HttpServletRequest request) {
        List<FieldError> errors = e.problems().stream()
                .map(problem -> new FieldError(
                        "mapping." + problem.substring(0, problem.indexOf(':')),
                        problem.substring(problem.indexOf(':') + 1).strip()))
                .toList();
        return org.clientele.platform.web.ProblemResponses.response(
                HttpStatus.BAD_REQUEST, "INVALID_MAPPING", e.getMessage(), errors, request.getRequestURI());
    }

    private ImportJob job(UUID id) {
        return imports.find(id).orElseThrow(() -> ProblemException.notFound("IMPORT_NOT_FOUND", "No import " + id));
    }

    private JobView view(ImportJob job) {
        Instant now = clock.instant();
        Duration left = job.estimatedTimeLeft(now);
        ImportProgress p = job.progress();
        boolean reconciled = p.rowsRead() == p.rowsAccepted() + p.rowsRejected() + p.rowsReturns();
        return new JobView(
                job.id(),
                job.kind(),
                job.fileName(),
                job.status(),
                p,
                Math.round(job.rowsPerSecond(now) * 10) / 10.0,
                left == null ? null : left.toSeconds(),
                job.startedAt(),
                job.finishedAt(),
                job.failure(),
                job.startedBy(),
                reconciled);
    }

    private static ImportKind kind(String kind) {
        try {
            return ImportKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    "An import is of 'contacts' or 'purchases', not '" + kind + "'",
                    List.of(new FieldError("kind", "must be contacts or purchases")));
        }
    }

    private static List<String> concat(List<String> values, String... more) {
        List<String> all = new java.util.ArrayList<>(values);
        all.addAll(List.of(more));
        return all;
    }
}
