-- A random secret per deliberation, made on the first export of its votes:
-- each participant's id in the anonymised vote matrix is derived from it,
-- so the ids are stable between exports of one deliberation and unrelated
-- across deliberations.
ALTER TABLE deliberation ADD COLUMN export_salt TEXT;
