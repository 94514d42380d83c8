-- The write side's directory of campaigns, for the contact gate: each campaign's channel, purpose and status, and
-- its frozen audience with each member's arm. Written in the transaction of the campaign's events.
CREATE TABLE campaign_directory (
    campaign_id UUID PRIMARY KEY,
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    status      TEXT NOT NULL   -- DEFINED, RUNNING, CLOSED
);

CREATE TABLE campaign_audience (
    campaign_id UUID NOT NULL,
    customer_id UUID NOT NULL,
    segment     TEXT,
    assignment  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);
