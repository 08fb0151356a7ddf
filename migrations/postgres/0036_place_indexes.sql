-- A district's or a street's matters, newest first. Lists of a place found
-- its matters by a range of grid codes, which holds them in grid order:
-- a street's list at ten million matters read and sorted some 280,000 rows
-- for a page of 50. Each index holds its level's code of every matter and
-- then the matter id, so a list walks the place's newest matters and stops
-- at the page. Queries write the same expression
-- (`substr(m.grid_code, 1, 9) = $1`) to use them. Communities have
-- `matter_community_idx` already.
CREATE INDEX matter_district_idx ON matter (substr(grid_code, 1, 6), matter_id);
-- The grid code too, so that a search can read a street's ids from the
-- index alone: PostgreSQL reads an expression from an index only when
-- the column it is made of is there as well.
CREATE INDEX matter_street_idx ON matter (substr(grid_code, 1, 9), matter_id) INCLUDE (grid_code);
