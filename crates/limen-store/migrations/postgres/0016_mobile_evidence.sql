-- Issue 18: a push answer that approved a transaction signature is kept with its challenge as
-- the receipt's evidence (docs/MOBILE-PROTOCOL.md §5.5): the device's public key, its
-- Limen-Proof and the answer's body exactly as received, and the display with the true values.
-- JSON text; NULL for every other challenge (logins, offline codes, denials).
ALTER TABLE mobile_challenges ADD COLUMN evidence TEXT;
