-- The working-day calendar: public holidays and make-up working days (调休).
-- Place '' is the national arrangement; a district code is that district's
-- own change, which wins over the national day of the same date. Days are
-- Beijing dates written YYYY-MM-DD.
CREATE TABLE calendar_day (
    place TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    festival TEXT NOT NULL,
    PRIMARY KEY (place, day)
);

-- Years whose national arrangement was loaded: each is loaded once, so
-- what staff change later stays changed.
CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY
);
