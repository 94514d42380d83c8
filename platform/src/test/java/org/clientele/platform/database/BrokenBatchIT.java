package org.clientele.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.clientele.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A connection that breaks in the middle of a batch fails with an {@link SQLException}, which Axon's work package
 * handles (it aborts and its segment is claimed again), and never with an {@link Error}, which would leave the work
 * package stuck until a restart. Tests run with assertions on, where pgjdbc 42.7.8 threw an {@link AssertionError}.
 */
class BrokenBatchIT {

    @Test
    void aBatchOnATerminatedConnectionFailsWithAnSqlException() throws Exception {
        assertThat(BrokenBatchIT.class.desiredAssertionStatus())
                .as("the tests run with assertions on")
                .isTrue();
        String url = TestDatabase.newDatabase();
        try (Connection victim = DriverManager.getConnection(url, "postgres", "");
                Connection admin = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement ddl = victim.createStatement()) {
                ddl.execute("CREATE TABLE broken_batch (id int PRIMARY KEY)");
            }
            victim.setAutoCommit(false);
            int pid;
            try (var rows = victim.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            try (Statement kill = admin.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            try (PreparedStatement insert = victim.prepareStatement("INSERT INTO broken_batch VALUES (?)")) {
                for (int id = 0; id < 10; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                assertThatThrownBy(insert::executeBatch).isInstanceOf(SQLException.class);
            }
        }
    }
}
