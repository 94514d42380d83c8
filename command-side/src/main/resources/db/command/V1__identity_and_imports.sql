-- Write-side tables. The identity index lets a new contact be matched to an existing customer before any event is
-- emitted; it is maintained in the same transaction as the events that define it.
CREATE TABLE customer_identity (
    kind        TEXT NOT NULL,   -- EXTERNAL (source|reference), EMAIL, PHONE
    value       TEXT NOT NULL,
    customer_id UUID NOT NULL,
    PRIMARY KEY (kind, value)
);

-- Import jobs: their progress and every rejected row, so a report and a fix-and-retry file can be given.
CREATE TABLE import_job (
    id            UUID        PRIMARY KEY,
    kind          TEXT        NOT NULL,
    file_name     TEXT        NOT NULL,
    file_bytes    BIGINT      NOT NULL,
    status        TEXT        NOT NULL,
    header        TEXT,
    rows_read     BIGINT      NOT NULL DEFAULT 0,
    rows_accepted BIGINT      NOT NULL DEFAULT 0,
    rows_rejected BIGINT      NOT NULL DEFAULT 0,
    rows_returns  BIGINT      NOT NULL DEFAULT 0,
    bytes_read    BIGINT      NOT NULL DEFAULT 0,
    customers_created BIGINT  NOT NULL DEFAULT 0,
    customers_matched BIGINT  NOT NULL DEFAULT 0,
    purchases     BIGINT      NOT NULL DEFAULT 0,
    returns       BIGINT      NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    failure       TEXT,
    started_by    TEXT
);

CREATE TABLE import_rejection (
    job_id      UUID   NOT NULL REFERENCES import_job (id),
    line_number BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    raw         TEXT   NOT NULL,
    PRIMARY KEY (job_id, line_number)
);
