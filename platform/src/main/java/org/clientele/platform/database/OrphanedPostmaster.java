package org.clientele.platform.database;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on the data folder by a previous run that died without stopping it: after a
 * {@code kill -9} of the JVM, the postmaster lives on, holds the folder, and the next start gives up waiting. It
 * is stopped before the embedded database starts, but only when no live process still owns the folder.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    /** The file zonky's embedded PostgreSQL locks for as long as the JVM that started it lives. */
    static final String OWNER_LOCK = "epg-lock";

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private OrphanedPostmaster() {}

    /**
     * Stops the postmaster named by the folder's {@code postmaster.pid} if it still runs and no live process owns
     * the folder: first as PostgreSQL asks (SIGTERM, a clean shutdown), then forcibly after a grace period. A pid
     * file whose process is gone is left to PostgreSQL, which replaces it.
     *
     * @throws IllegalStateException when another live process uses the folder
     */
    static void stopIfAny(Path dataFolder) throws IOException {
        Optional<Long> pid = postmasterPid(dataFolder);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info(
                    "The embedded PostgreSQL was not stopped cleanly last time (pid {} is gone); it recovers",
                    pid.get());
            return;
        }
        if (!isPostmasterOf(process.get(), dataFolder)) {
            log.warn(
                    "{} names pid {}, a process that is not this folder's PostgreSQL; left to PostgreSQL to judge",
                    dataFolder.resolve("postmaster.pid"),
                    pid.get());
            return;
        }
        if (ownedByALiveProcess(dataFolder)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataFolder
                    + " belongs to another running process (pid " + pid.get() + "); stop that one first"
                    + " or give this one another clientele.database.data-dir");
        }
        log.warn(
                "A PostgreSQL (pid {}) left by a previous run that did not stop still holds {}; stopping it",
                pid.get(),
                dataFolder);
        stop(process.get());
    }

    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        if (awaitExit(postmaster, GRACE)) {
            log.info("The orphaned PostgreSQL (pid {}) shut down cleanly", postmaster.pid());
            return;
        }
        log.warn(
                "The orphaned PostgreSQL (pid {}) did not shut down within {} s; killing it, it recovers at start",
                postmaster.pid(),
                GRACE.toSeconds());
        postmaster.destroyForcibly();
        if (!awaitExit(postmaster, AFTER_KILL)) {
            throw new IllegalStateException(
                    "Cannot stop the orphaned PostgreSQL (pid " + postmaster.pid() + "); stop it by hand");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The first line of {@code postmaster.pid}: the postmaster's process id. */
    static Optional<Long> postmasterPid(Path dataFolder) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataFolder.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A process id can be reused after a reboot or in a fresh container: only a postgres started on this very
     * folder is ours to stop. Where the system does not tell the arguments, the program's name has to do.
     */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataFolder) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postmaster"))
                .orElse(false);
        if (!postgres) {
            return false;
        }
        String folder = dataFolder.toAbsolutePath().normalize().toString();
        return info.arguments()
                .map(arguments -> List.of(arguments).contains(folder))
                .orElse(true);
    }

    /**
     * Whether the JVM that started the postmaster is still alive: it holds zonky's lock on the folder until it
     * dies, and the operating system releases it even after a {@code kill -9}.
     */
    private static boolean ownedByALiveProcess(Path dataFolder) throws IOException {
        Path lockFile = dataFolder.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = stream.getChannel().tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
