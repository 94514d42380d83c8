-- Crypto-shredding keys, kept apart from the event store (docs/privacy.md). Each customer's personal data in events
-- is encrypted with the customer's own data key; erasing the customer destroys the key. The row stays, as a
-- tombstone, so that an erased customer is told apart from a key that was lost.
CREATE TABLE customer_key (
    customer_id UUID        PRIMARY KEY,
    wrapped_key BYTEA,                    -- the data key, AES-GCM-wrapped with the master key; NULL once erased
    created_at  TIMESTAMPTZ NOT NULL,
    erased_at   TIMESTAMPTZ,
    CONSTRAINT customer_key_erased_has_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);

-- One row: a value sealed with the master key, to tell at start-up that the configured master key is the one the
-- data keys were wrapped with.
CREATE TABLE keyring (
    id          SMALLINT    PRIMARY KEY CHECK (id = 1),
    check_value BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
