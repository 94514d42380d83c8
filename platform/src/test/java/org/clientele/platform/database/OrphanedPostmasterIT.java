package org.clientele.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with {@code kill -9} leaves its embedded PostgreSQL running on the data folder; the next start
 * stops it and comes up on the same data.
 */
class OrphanedPostmasterIT {

    @TempDir
    Path dataDir;

    private Long orphan;

    private Process previousRun;

    @Test
    void startsAgainOnTheDataOfAPostgresLeftByAKilledJvm() throws Exception {
        Path folder = dataDir.resolve("postgres");
        previousRun = startPreviousRun(folder);
        previousRun.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        orphan = OrphanedPostmaster.postmasterPid(folder).orElseThrow();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("the orphan")
                .contains(true);

        try (EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(folder, 0);
                Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM written_before")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("acknowledged");
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                    .as("the orphan")
                    .isNotEqualTo(java.util.Optional.of(true));
        }
    }

    @Test
    void leavesAloneADatabaseWhoseApplicationStillRuns() throws Exception {
        Path folder = dataDir.resolve("postgres");
        previousRun = startPreviousRun(folder);
        orphan = OrphanedPostmaster.postmasterPid(folder).orElseThrow();

        assertThatThrownBy(() -> EmbeddedPostgresConfiguration.start(folder, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to another running process");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
    }

    private static Process startPreviousRun(Path folder) throws Exception {
        Process run = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PreviousRun.class.getName(),
                        folder.toString())
                .redirectErrorStream(true)
                .start();
        awaitLine(run, PreviousRun.READY);
        return run;
    }

    @AfterEach
    void killWhatTheTestLeft() throws InterruptedException {
        if (previousRun != null) {
            previousRun.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (orphan != null) {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.equals(expected)) {
                // keep draining, so that the process never blocks on a full pipe
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("The previous run ended before it was ready: exit " + process.waitFor());
    }

    /** The run that gets killed: starts the embedded database, writes a row, and waits to die. */
    public static final class PreviousRun {

        static final String READY = "PREVIOUS RUN READY";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(Path.of(args[0]), 0);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE written_before (note text)");
                statement.execute("INSERT INTO written_before VALUES ('acknowledged')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
