-- Matters are indexed under their place too ("ĸ" and the code of their
-- district, street, community and grid; see service/src/search.rs), so a
-- word searched within a place is answered by the index. This adds those
-- terms to every matter indexed before.
UPDATE matter_search s
SET terms = s.terms || array_to_tsvector(ARRAY[
        'ĸ' || substr(m.grid_code, 1, 6), 'ĸ' || substr(m.grid_code, 1, 9),
        'ĸ' || substr(m.grid_code, 1, 17), 'ĸ' || m.grid_code])
FROM matter m
WHERE m.matter_id = s.matter_id;
