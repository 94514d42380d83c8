-- The campaign memory (processing group campaign-memory, docs/campaigns.md): every operation with its variants, its
-- frozen audience, the contact gate's decisions, the delivery outcomes, and its own copy of the purchases and returns
-- that attribution reads, so that the memory is rebuilt by its own replay and every figure comes from one position
-- in the event store.

CREATE TABLE campaign (
    campaign_id             UUID         PRIMARY KEY,
    name                    TEXT         NOT NULL,
    objective               TEXT,
    channel                 TEXT         NOT NULL,
    purpose                 TEXT,
    offer                   TEXT,
    message_reference       TEXT,
    target_description      TEXT,
    cost_amount             NUMERIC(19,4),
    cost_currency           CHAR(3),
    attribution_window_days INTEGER      NOT NULL,
    control_ratio           NUMERIC(9,6) NOT NULL,
    defined_at              TIMESTAMPTZ  NOT NULL,
    audience                TEXT,
    audience_size           INTEGER,
    control_size            INTEGER,
    launched_at             TIMESTAMPTZ,
    closed_at               TIMESTAMPTZ
);
-- the history is searched and ordered by the operation's date: its launch, or its definition until then
CREATE INDEX campaign_date_idx ON campaign ((coalesce(launched_at, defined_at)));

CREATE TABLE campaign_variant (
    campaign_id       UUID         NOT NULL,
    code              TEXT         NOT NULL,
    position          INTEGER      NOT NULL,
    offer             TEXT,
    message_reference TEXT,
    share             NUMERIC(9,6),
    PRIMARY KEY (campaign_id, code)
);

CREATE TABLE campaign_member (
    campaign_id UUID NOT NULL,
    customer_id UUID NOT NULL,
    segment     TEXT,
    assignment  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_member_segment_idx ON campaign_member (lower(segment), campaign_id);
CREATE INDEX campaign_member_customer_idx ON campaign_member (customer_id);

CREATE TABLE campaign_contact (
    event_id    TEXT        PRIMARY KEY,
    campaign_id UUID        NOT NULL,
    customer_id UUID        NOT NULL,
    channel     TEXT        NOT NULL,
    approved    BOOLEAN     NOT NULL,
    reason      TEXT,
    variant     TEXT,
    decided_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX campaign_contact_campaign_idx ON campaign_contact (campaign_id, customer_id);
-- pressure and receptivity read the approved contacts of a period; attribution those of one customer
CREATE INDEX campaign_contact_approved_idx ON campaign_contact (decided_at) WHERE approved;
CREATE INDEX campaign_contact_customer_idx ON campaign_contact (customer_id, decided_at) WHERE approved;

CREATE TABLE campaign_outcome (
    event_id    TEXT        PRIMARY KEY,
    campaign_id UUID        NOT NULL,
    customer_id UUID        NOT NULL,
    channel     TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX campaign_outcome_campaign_idx ON campaign_outcome (campaign_id, customer_id);

-- purchases (positive) and returns (negative), as customer_purchase holds them, but owned by this projection
CREATE TABLE campaign_purchase (
    customer_id  UUID          NOT NULL,
    reference    TEXT          NOT NULL,
    purchased_at TIMESTAMPTZ   NOT NULL,
    amount       NUMERIC(19,4) NOT NULL,
    currency     CHAR(3)       NOT NULL,
    is_return    BOOLEAN       NOT NULL,
    PRIMARY KEY (customer_id, reference)
);
CREATE INDEX campaign_purchase_date_idx ON campaign_purchase (customer_id, purchased_at);
