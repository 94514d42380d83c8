-- Read models of the query side. Every table here is rebuilt from the event store by a replay.

CREATE TABLE customer_profile (
    customer_id         UUID        PRIMARY KEY,
    first_name          TEXT,
    last_name           TEXT,
    email               TEXT,
    phone               TEXT,
    street              TEXT,
    postal_code         TEXT,
    city                TEXT,
    country             TEXT,
    origin_source       TEXT,
    origin_channel      TEXT,
    origin_campaign     TEXT,
    registered_at       TIMESTAMPTZ,
    purchase_count      INTEGER     NOT NULL DEFAULT 0,
    first_purchase_at   TIMESTAMPTZ,
    last_purchase_at    TIMESTAMPTZ,
    churned_at          TIMESTAMPTZ,
    churn_reason        TEXT,
    churn_detail        TEXT,
    phase               TEXT        NOT NULL,
    phase_assessed_at   TIMESTAMPTZ NOT NULL,
    phase_valid_until   TIMESTAMPTZ,
    -- bumped on every write, so that the phase clock never overwrites a fresher assessment
    revision            BIGINT      NOT NULL
);
CREATE INDEX customer_profile_phase_idx ON customer_profile (phase, customer_id);
CREATE INDEX customer_profile_phase_due_idx ON customer_profile (phase_valid_until)
    WHERE phase_valid_until IS NOT NULL;

CREATE TABLE customer_purchase (
    customer_id     UUID          NOT NULL,
    order_reference TEXT          NOT NULL,
    purchased_at    TIMESTAMPTZ   NOT NULL,
    amount          NUMERIC(19,4) NOT NULL,
    currency        CHAR(3)       NOT NULL,
    channel         TEXT,
    line_count      INTEGER       NOT NULL,
    PRIMARY KEY (customer_id, order_reference)
);

CREATE TABLE customer_consent (
    customer_id UUID        NOT NULL,
    channel     TEXT        NOT NULL,
    purpose     TEXT        NOT NULL,
    granted     BOOLEAN     NOT NULL,
    source      TEXT        NOT NULL,
    legal_basis TEXT,
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (customer_id, channel, purpose)
);

CREATE TABLE consent_ledger (
    event_id       TEXT        PRIMARY KEY,
    position       BIGINT      NOT NULL,
    customer_id    UUID        NOT NULL,
    change         TEXT        NOT NULL,
    channel        TEXT        NOT NULL,
    purpose        TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    legal_basis    TEXT,
    effective_at   TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    user_name      TEXT,
    source_system  TEXT,
    correlation_id TEXT
);
CREATE INDEX consent_ledger_customer_idx ON consent_ledger (customer_id, position);
