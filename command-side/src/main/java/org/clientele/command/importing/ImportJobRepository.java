package org.clientele.command.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Import jobs and their rejected rows, in the write side's own tables. */
@Repository
class ImportJobRepository {

    private final JdbcTemplate jdbc;

    /** What a file holds may not fit a text column (a NUL): the job's own records keep it visible as U+FFFD. */
    private static String clean(String text) {
        return org.clientele.events.text.ControlCharacters.replaced(text);
    }

    ImportJobRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, ImportKind kind, String fileName, long fileBytes, String user, Instant startedAt) {
        jdbc.update(
                "INSERT INTO import_job (id, kind, file_name, file_bytes, status, started_at, started_by) "
                        + "VALUES (?, ?, ?, ?, 'QUEUED', ?, ?)",
                id,
                kind.name(),
                clean(fileName),
                fileBytes,
                at(startedAt),
                user);
    }

    void running(UUID id, String header) {
        jdbc.update("UPDATE import_job SET status = 'RUNNING', header = ? WHERE id = ?", clean(header), id);
    }

    void progress(UUID id, ImportProgress progress, List<Rejected> rejections) {
        if (!rejections.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO import_rejection (job_id, line_number, reason, raw) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING",
                    rejections,
                    rejections.size(),
                    (ps, rejected) -> {
                        ps.setObject(1, id);
                        ps.setLong(2, rejected.lineNumber());
                        ps.setString(3, clean(rejected.reason()));
                        ps.setString(4, clean(rejected.raw()));
                    });
        }
        jdbc.update(
                "UPDATE import_job SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, rows_returns = ?, "
                        + "bytes_read = ?, customers_created = ?, customers_matched = ?, purchases = ?, returns = ? "
                        + "WHERE id = ?",
                progress.rowsRead(),
                progress.rowsAccepted(),
                progress.rowsRejected(),
                progress.rowsReturns(),
                progress.bytesRead(),
                progress.customersCreated(),
                progress.customersMatched(),
                progress.purchases(),
                progress.returns(),
                id);
    }

    void finish(UUID id, String status, String failure, Instant finishedAt) {
        jdbc.update(
                "UPDATE import_job SET status = ?, failure = ?, finished_at = ? WHERE id = ?",
                status,
                clean(failure),
                at(finishedAt),
                id);
    }

    Optional<ImportJob> find(UUID id) {
        return jdbc.query("SELECT * FROM import_job WHERE id = ?", (rs, n) -> map(rs), id).stream()
                .findFirst();
    }

    List<ImportJob> latest(int limit) {
        return jdbc.query("SELECT * FROM import_job ORDER BY started_at DESC LIMIT ?", (rs, n) -> map(rs), limit);
    }

    List<Rejected> rejections(UUID id, long offset, int limit) {
        return jdbc.query(
                "SELECT line_number, reason, raw FROM import_rejection WHERE job_id = ? "
                        + "ORDER BY line_number LIMIT ? OFFSET ?",
                (rs, n) -> new Rejected(rs.getLong(1), rs.getString(2), rs.getString(3)),
                id,
                limit,
                offset);
    }

    private static ImportJob map(ResultSet rs) throws SQLException {
        return new ImportJob(
                rs.getObject("id", UUID.class),
                ImportKind.valueOf(rs.getString("kind")),
                rs.getString("file_name"),
                rs.getLong("file_bytes"),
                rs.getString("status"),
                rs.getString("header"),
                new ImportProgress(
                        rs.getLong("rows_read"),
                        rs.getLong("rows_accepted"),
                        rs.getLong("rows_rejected"),
                        rs.getLong("rows_returns"),
                        rs.getLong("bytes_read"),
                        rs.getLong("customers_created"),
                        rs.getLong("customers_matched"),
                        rs.getLong("purchases"),
                        rs.getLong("returns")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("failure"),
                rs.getString("started_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
