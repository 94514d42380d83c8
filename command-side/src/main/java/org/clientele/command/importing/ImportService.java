package org.clientele.command.importing;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.clientele.command.identity.IdentityIndex;
import org.clientele.platform.database.SchemaMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs imports: from an upload, in the background, one at a time; or from a file on disk, at once, for the command
 * line. Both go through {@link ImportRunner}.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final CommandGateway commands;
    private final IdentityIndex identities;
    private final ImportJobRepository jobs;
    private final Clock clock;
    private final String defaultCountry;
    private final Path workDir;
    private final TransactionManager transactions;
    private final int chunkSize;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import");
        thread.setDaemon(true);
        return thread;
    });

    ImportService(
            CommandGateway commands,
            IdentityIndex identities,
            ImportJobRepository jobs,
            Clock clock,
            JdbcTemplate jdbc,
            SchemaMigrations schema,
            TransactionManager transactions,
            @Value("${clientele.import.chunk-size:200}") int chunkSize,
            @Value("${clientele.normalisation.default-country:FR}") String defaultCountry,
            @Value("${clientele.import.work-dir:${java.io.tmpdir}/clientele-imports}") String workDir)
            throws IOException {
        this.commands = commands;
        this.identities = identities;
        this.jobs = jobs;
        this.clock = clock;
        this.defaultCountry = defaultCountry;
        this.transactions = transactions;
        this.chunkSize = chunkSize;
        this.workDir = Files.createDirectories(Path.of(workDir));
        // (schema is a parameter so that the tables exist here) a job cut short by a stop is not resumed: running the
        // file again converges to the same state
        int interrupted = jdbc.update("UPDATE import_job SET status = 'INTERRUPTED', finished_at = now(), "
                + "failure = 'the application stopped during the import; run it again' "
                + "WHERE status IN ('QUEUED', 'RUNNING')");
        if (interrupted > 0) {
            log.warn("{} import job(s) were cut short by the last stop; run their files again", interrupted);
        }
    }

    /** Stores the upload, queues the import, and answers the job id at once. */
    public UUID submit(ImportKind kind, ImportMapping mapping, String fileName, InputStream content, String user)
            throws IOException {
        requireUsable(kind, mapping);
        UUID id = UUID.randomUUID();
        Path file = workDir.resolve(id + ".upload");
        long bytes = Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        jobs.create(id, kind, fileName, bytes, user, clock.instant());
        executor.submit(() -> {
            try {
                execute(id, kind, mapping, file, user, progress -> {});
            } finally {
                deleteQuietly(file);
            }
        });
        return id;
    }

    /** Imports a file on disk now, reporting progress as it goes; for the command line. */
    public ImportJob runNow(
            ImportKind kind, ImportMapping mapping, Path file, String user, Consumer<ImportProgress> listener)
            throws IOException {
        requireUsable(kind, mapping);
        UUID id = UUID.randomUUID();
        jobs.create(id, kind, file.getFileName().toString(), Files.size(file), user, clock.instant());
        execute(id, kind, mapping, file, user, listener);
        return jobs.find(id).orElseThrow();
    }

    public Optional<ImportJob> find(UUID id) {
        return jobs.find(id);
    }

    public List<ImportJob> latest(int limit) {
        return jobs.latest(limit);
    }

    public List<Rejected> rejections(UUID id, long offset, int limit) {
        return jobs.rejections(id, offset, limit);
    }

    private void execute(
            UUID id,
            ImportKind kind,
            ImportMapping mapping,
            Path file,
            String user,
            Consumer<ImportProgress> listener) {
        try {
            ImportProgress done = new ImportRunner(
                            commands,
                            identities,
                            jobs,
                            transactions,
                            chunkSize,
                            id,
                            kind,
                            mapping,
                            defaultCountry,
                            user,
                            listener)
                    .run(file);
            jobs.finish(id, "COMPLETED", null, clock.instant());
            log.info("Import {} of {} completed: {}", id, kind, done);
        } catch (ImportRunner.ImportFailed e) {
            jobs.finish(id, "FAILED", e.getMessage(), clock.instant());
        } catch (Throwable e) {
            String unreadable = FileEncoding.unreadable(e, mapping.charset());
            if (unreadable != null) {
                jobs.finish(id, "FAILED", unreadable, clock.instant());
                return;
            }
            log.error("Import {} failed", id, e);
            jobs.finish(
                    id,
                    "FAILED",
                    "the import stopped: " + e.getMessage()
                            + "; what was recorded stays, and running the file again completes it",
                    clock.instant());
        }
    }

    private static void requireUsable(ImportKind kind, ImportMapping mapping) {
        List<String> problems = mapping.problems(kind);
        if (!problems.isEmpty()) {
            throw new InvalidMapping(problems);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the upload {}", file, e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The mapping cannot be used for this kind of file; each problem names the field. */
    public static final class InvalidMapping extends RuntimeException {
        private final transient List<String> problems;

        InvalidMapping(List<String> problems) {
            super("the mapping cannot be used: " + problems);
            this.problems = problems;
        }

        public List<String> problems() {
            return problems;
        }
    }
}
