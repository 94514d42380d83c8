-- Every version of each customer's preference-centre settings, from when it held: readable as of any date.
CREATE TABLE preference_version (
    customer_id        UUID        NOT NULL,
    valid_from         TIMESTAMPTZ NOT NULL,
    event_id           TEXT        NOT NULL,
    preferred_channels TEXT        NOT NULL,   -- comma-separated, empty for no preference
    max_messages       INTEGER,
    period_days        INTEGER,
    paused_until       TIMESTAMPTZ,
    PRIMARY KEY (customer_id, valid_from, event_id)
);
