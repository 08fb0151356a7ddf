-- Matters are indexed under their place too ("ĸ" and the code of their
-- district, street, community and grid; see service/src/search.rs), so a
-- word searched within a place is answered by the index. This adds those
-- terms to every matter indexed before. The table is contentless: a second
-- entry under a matter's rowid adds its terms to that matter's postings.
INSERT INTO matter_search (rowid, terms)
SELECT matter_id,
       'ĸ' || substr(grid_code, 1, 6) || ' ĸ' || substr(grid_code, 1, 9)
       || ' ĸ' || substr(grid_code, 1, 17) || ' ĸ' || grid_code
FROM matter;
