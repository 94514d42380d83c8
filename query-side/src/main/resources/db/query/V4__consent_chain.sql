-- The consent ledger becomes tamper-evident: each entry's hash covers its content and the previous entry's hash.
ALTER TABLE consent_ledger ADD COLUMN proof_reference TEXT;
ALTER TABLE consent_ledger ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE consent_ledger ADD COLUMN previous_hash TEXT;
ALTER TABLE consent_ledger ADD COLUMN hash TEXT;
