-- Merges: a merged duplicate keeps its row, pointing at its survivor, and leaves the lists.
ALTER TABLE customer_profile ADD COLUMN merged_into UUID;
ALTER TABLE customer_profile ADD COLUMN merged_at TIMESTAMPTZ;
-- The fields whose incoming value failed normalisation (comma-separated), for the data-quality report.
ALTER TABLE customer_profile ADD COLUMN invalid_fields TEXT;

-- Every version of each customer's contact details, from when it held: the data-quality report as of any date.
CREATE TABLE contact_version (
    customer_id    UUID        NOT NULL,
    valid_from     TIMESTAMPTZ NOT NULL,
    event_id       TEXT        NOT NULL,
    has_name       BOOLEAN     NOT NULL,
    has_email      BOOLEAN     NOT NULL,
    has_phone      BOOLEAN     NOT NULL,
    has_postal     BOOLEAN     NOT NULL,
    has_country    BOOLEAN     NOT NULL,
    invalid_fields TEXT,
    PRIMARY KEY (customer_id, valid_from, event_id)
);
CREATE INDEX consent_ledger_effective_idx ON consent_ledger (customer_id, channel, purpose, effective_at);
