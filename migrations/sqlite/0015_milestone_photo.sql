-- Photos an awarded organisation attaches to a milestone report as
-- evidence; the photos themselves are the matters' (table photo).

CREATE TABLE milestone_photo (
    project_id      BIGINT NOT NULL CONSTRAINT milestone_photo_project_fk REFERENCES project (project_id),
    milestone       INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    photo_id        TEXT NOT NULL CONSTRAINT milestone_photo_photo_fk REFERENCES photo (photo_id),
    CONSTRAINT milestone_photo_pkey PRIMARY KEY (project_id, milestone, position),
    CONSTRAINT milestone_photo_report_fk FOREIGN KEY (project_id, milestone) REFERENCES milestone_report (project_id, position)
);
