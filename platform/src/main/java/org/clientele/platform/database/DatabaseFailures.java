package org.clientele.platform.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells a failure of the database itself (down, unreachable, restarting, out of connections, a deadlock) from a
 * failure of what was asked of it. The first kind passes by itself: it is retried, never blamed on an event.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether anything in the cause chain says the database, not the statement, failed. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof NonTransientDataAccessResourceException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof java.net.SocketException
                    || (cause instanceof SQLException sql && isTransientState(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether anything in the cause chain says the database cannot be reached at all (down, restarting, no
     * connection to be had): a request then answers 503 at once, since a retry a moment later is what helps.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof java.net.SocketException
                    || (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState()))
                    || (cause instanceof SQLException closed && isClosedConnection(closed))
                    || isConnectionLostMidBatch(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * pgjdbc 42.7 reports a connection that breaks during a batch as an AssertionError from its batch handler,
     * without a cause (its BatchResultHandler asks the closed connection for its auto-commit mode).
     */
    private static boolean isConnectionLostMidBatch(Throwable cause) {
        return cause instanceof AssertionError
                && cause.getMessage() != null
                && cause.getMessage().contains("getAutoCommit() should not throw");
    }

    /** Hikari says a broken connection "is closed" without a SQLSTATE when its socket was cut mid-statement. */
    private static boolean isClosedConnection(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /** A lost or refused connection (08), a server shutting down or starting (57P), no resources left (53). */
    static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }

    /**
     * PostgreSQL's SQLSTATE classes for a lost connection (08), a server shutting down or restarting (57P),
     * a lack of resources (53) and a conflict between transactions that a retry resolves (40).
     */
    static boolean isTransientState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.startsWith("53")
                        || state.startsWith("40"));
    }
}
