-- Issue 13: services written for EU Login get its response format at the CAS 2.0/3.0 validation
-- endpoints too ('ecas'); everyone else the CAS 3.0 one ('cas').
ALTER TABLE services ADD COLUMN response_format TEXT NOT NULL DEFAULT 'cas';
