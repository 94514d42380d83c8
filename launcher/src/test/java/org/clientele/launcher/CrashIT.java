package org.clientele.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default is as durable as a server: fsync and synchronous commit on, every acknowledged command still
 * there after the database process is killed mid-write, and a postgres left running by a killed JVM stopped on the
 * next start instead of blocking it.
 */
class CrashIT {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedCommandSurvivesAKillOfTheDatabase() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        try (Backend first = embedded()) {
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");

            ApiClient api = first.api();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(6);
            AtomicInteger counter = new AtomicInteger();
            for (int w = 0; w < 6; w++) {
                writers.submit(() -> {
                    while (writing.get()) {
                        String email = "crash" + counter.incrementAndGet() + "@example.com";
                        try {
                            ApiClient.Answer answer =
                                    api.post("/api/customers", ApiClient.BACKOFFICE, """
                                    {"firstName":"Ada","lastName":"Crash","email":"%s","origin":{"source":"test"}}
                                    """.formatted(email));
                            if (answer.status() == 201) {
                                acknowledged.add(answer.text("customerId"));
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (RuntimeException connectionLost) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            Thread.sleep(3000);
            int beforeKill = acknowledged.size();
            ProcessHandle.of(postmasterPid()).orElseThrow().destroyForcibly();
            Thread.sleep(2000);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(beforeKill).as("writes acknowledged before the kill").isGreaterThan(10);
            assertThat(failed.get())
                    .as("writes refused once the database was gone")
                    .isPositive();
        }

        try (Backend second = embedded()) {
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            List<String> stored = jdbc.queryForList(
                    "SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0", String.class);
            System.out.println("Crash test: " + acknowledged.size() + " registrations acknowledged, " + failed.get()
                    + " refused once the database was killed; all acknowledged found after the restart: "
                    + stored.containsAll(acknowledged));
            assertThat(stored).containsAll(acknowledged);
            ApiClient api = second.api();
            second.awaitProjections();
            for (String id : acknowledged.stream().limit(20).toList()) {
                assertThat(api.get("/api/customers/" + id, ApiClient.ANALYST).status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledRunIsStoppedOnTheNextStart() throws IOException {
        String id;
        try (Backend first = embedded()) {
            id = first.api().register("orphan@example.com");
        }
        // what a kill -9 of the JVM leaves behind: a postgres still running on the folder, owned by nobody
        EmbeddedPostgres orphan = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        releaseJvmLock(orphan);
        long orphanPid = postmasterPid();
        assertThat(ProcessHandle.of(orphanPid))
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (Backend second = embedded()) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(second.api()
                            .get("/api/customers/" + id, ApiClient.ANALYST)
                            .status())
                    .isEqualTo(200);
        } finally {
            try {
                orphan.close();
            } catch (IOException alreadyStopped) {
                // it was stopped by the second start, as it should
            }
        }
    }

    /**
     * zonky also locks the folder inside the JVM that started it; a killed JVM's lock is gone with it, so the test
     * lets go of it to leave exactly what a kill leaves: the postgres process alone.
     */
    private static void releaseJvmLock(EmbeddedPostgres postgres) {
        for (java.lang.reflect.Field field : EmbeddedPostgres.class.getDeclaredFields()) {
            try {
                if (java.nio.channels.FileLock.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    java.nio.channels.FileLock lock = (java.nio.channels.FileLock) field.get(postgres);
                    if (lock != null && lock.isValid()) {
                        lock.release();
                    }
                    if (lock != null) {
                        lock.channel().close();
                    }
                } else if (java.io.Closeable.class.isAssignableFrom(field.getType())
                        && field.getName().toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                    field.setAccessible(true);
                    java.io.Closeable closeable = (java.io.Closeable) field.get(postgres);
                    if (closeable != null) {
                        closeable.close();
                    }
                }
            } catch (java.nio.channels.ClosedChannelException alreadyClosed) {
                // closing its stream let go of the lock already
            } catch (ReflectiveOperationException | IOException e) {
                throw new IllegalStateException("cannot release zonky's lock", e);
            }
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .get(0)
                .strip());
    }

    private Backend embedded() {
        return Backend.start(
                new SpringApplicationBuilder(ClienteleApplication.class),
                "--clientele.database.data-dir=" + dataDir,
                "--spring.lifecycle.timeout-per-shutdown-phase="
                        + Duration.ofSeconds(5).toSeconds() + "s");
    }
}
