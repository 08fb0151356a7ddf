-- A district's or a street's matters, newest first. Lists of a place found
-- its matters by a range of grid codes, which holds them in grid order:
-- a street's list at ten million matters read and sorted some 280,000 rows
-- for a page of 50. Each index holds its level's code of every matter;
-- SQLite keeps the rowid (the matter id) after it, so a list walks the
-- place's newest matters and stops at the page. Queries write the same
-- expression (`substr(m.grid_code, 1, 9) = $1`) to use them. Communities
-- have `matter_community_idx` already.
CREATE INDEX matter_district_idx ON matter (substr(grid_code, 1, 6));
CREATE INDEX matter_street_idx ON matter (substr(grid_code, 1, 9));
