-- Admitted items carry English text like the base lists; a proposal
-- without it shows the Chinese on the English page.
ALTER TABLE item_proposal ADD COLUMN title_en TEXT;
ALTER TABLE item_proposal ADD COLUMN detail_en TEXT;
