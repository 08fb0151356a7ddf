-- A community's name in pinyin, whole and by initials ("cuiyuan cy" for
-- 翠苑), so the directory finds it the way people type on a phone. The
-- application computes it (service/src/search.rs) when it loads names and,
-- for rows from before this column, right after migrating.
ALTER TABLE community ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
