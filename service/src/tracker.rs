//! The results tracker: every topic selected in a decided deliberation and
//! every awarded project gets a public result page. A topic's result moves
//! by the council's dated entries; a project's by its own steps (each
//! milestone reported, delivery, cancellation). Followers hear of each
//! change; a result unfinished past its planned date is late.

use linli_model::{
    calendar::Day,
    tracker::{
        EntryForm, PAGE_SIZE, Progress, Source, TOPIC_PLANNED_DAYS, TrackStatus, Tracked,
        TrackedList, TrackedNotice, TrackedPage,
    },
    tree::CommunityCode,
};

use crate::{
    Error, Result, Store,
    clock::Clock,
    policy::{Action, Actor, may},
    store::{Change, Opening},
};

const DAY_MS: i64 = 86_400_000;

pub struct Tracker<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// Words of the entries Linli writes itself, in both languages.
const OPENED_TOPIC: &str =
    "议事决定已作出，开始跟踪落实。 / The decision was made; its result is tracked from now.";
const OPENED_PROJECT: &str =
    "项目已中标，开始跟踪实施。 / The project was awarded; its delivery is tracked from now.";
const DELIVERED: &str =
    "全部节点已完成，项目已交付。 / Every milestone is reported; the project is delivered.";
const CANCELLED: &str = "项目已取消。 / The project was cancelled.";

impl Tracker<'_> {
    /// Opens the results of a deliberation just decided: one per selected
    /// topic, planned [`TOPIC_PLANNED_DAYS`] ahead until the council sets
    /// its own date.
    pub async fn deliberation_decided(&self, deliberation: i64) -> Result<()> {
        let now = self.clock.now();
        let row = self.store.deliberation_row(deliberation).await?;
        for (topic, title) in self.store.selected_topics(deliberation).await? {
            let source = Source::Topic {
                deliberation,
                topic,
            };
            self.store
                .open_result(&Opening {
                    source: &source,
                    community: &row.community_code,
                    title: &title,
                    planned_at: Day::of(now + TOPIC_PLANNED_DAYS * DAY_MS).end_ms(),
                    body: OPENED_TOPIC,
                    at: now,
                })
                .await?;
        }
        Ok(())
    }

    /// Opens an awarded project's result, planned for its last milestone.
    pub async fn project_awarded(
        &self,
        project: i64,
        community: &str,
        title: &str,
        planned_at: i64,
    ) -> Result<()> {
        self.store
            .open_result(&Opening {
                source: &Source::Project { project },
                community,
                title,
                planned_at,
                body: OPENED_PROJECT,
                at: self.clock.now(),
            })
            .await
            .map(drop)
    }

    /// A project reported `done` of `total` milestones (the last one
    /// delivers it); `milestone` names the one just reported.
    pub async fn project_reported(
        &self,
        project: i64,
        done: usize,
        total: usize,
        milestone: &str,
    ) -> Result<()> {
        let progress = Progress::of(done, total);
        let (status, body) = if progress == Progress::FULL {
            (TrackStatus::Done, DELIVERED.to_owned())
        } else {
            (
                TrackStatus::UnderWay,
                format!("已完成节点 / Milestone reported: {milestone} ({done}/{total})"),
            )
        };
        self.project_moved(project, progress, status, &body).await
    }

    pub async fn project_cancelled(&self, project: i64) -> Result<()> {
        let Some(t) = self.store.tracked_of(&Source::Project { project }).await? else {
            return Ok(());
        };
        self.project_moved(project, t.progress, TrackStatus::Dropped, CANCELLED)
            .await
    }

    async fn project_moved(
        &self,
        project: i64,
        progress: Progress,
        status: TrackStatus,
        body: &str,
    ) -> Result<()> {
        let Some(t) = self.store.tracked_of(&Source::Project { project }).await? else {
            return Ok(());
        };
        self.store
            .change_result(
                &t,
                &Change {
                    progress,
                    status,
                    planned_at: t.planned_at,
                    body,
                    actor: None,
                    at: self.clock.now(),
                },
            )
            .await
            .map(drop)
    }

    /// A place's results, one page; `late_only` keeps those past their date.
    pub async fn list(&self, place: &str, late_only: bool, page: u32) -> Result<TrackedList> {
        let now = self.clock.now();
        let (place_name, _) = self.store.place_trail(place).await?;
        let page = page.max(1);
        let size = i64::from(PAGE_SIZE);
        let mut results = self
            .store
            .tracked_under(
                place,
                late_only.then_some(now),
                size + 1,
                i64::from(page - 1) * size,
            )
            .await?;
        let has_more = results.len() > PAGE_SIZE as usize;
        results.truncate(PAGE_SIZE as usize);
        Ok(TrackedList {
            place: place.to_owned(),
            place_name,
            late_only,
            results,
            page,
            has_more,
            counts: self.store.tracked_counts(place, now).await?,
            now,
        })
    }

    pub async fn page(&self, actor: &Actor, id: i64) -> Result<TrackedPage> {
        let result = self.store.tracked(id).await?;
        let viewer = actor.viewer().map(|v| v.id);
        let (followers, following) = self.store.result_followers(id, viewer).await?;
        Ok(TrackedPage {
            may_update: self.answers_for(actor, &result).is_ok(),
            entries: self.store.tracked_entries(id).await?,
            result,
            followers,
            signed_in: viewer.is_some(),
            following,
            now: self.clock.now(),
        })
    }

    /// The result of a topic or project, if it has one.
    pub async fn of(&self, source: &Source) -> Result<Option<Tracked>> {
        self.store.tracked_of(source).await
    }

    /// The council (or staff over the community) posts a dated entry: the
    /// progress, the status and, if it moves, the planned date. A finished
    /// result takes no more entries.
    pub async fn update(&self, actor: &Actor, id: i64, form: &EntryForm) -> Result<()> {
        let result = self.store.tracked(id).await?;
        self.answers_for(actor, &result)?;
        let entry = form.parse().map_err(Error::Invalid)?;
        if result.status.finished() {
            return Err(Error::Conflict("finished"));
        }
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let changed = self
            .store
            .change_result(
                &result,
                &Change {
                    progress: entry.progress,
                    status: entry.status,
                    planned_at: entry.planned.map_or(result.planned_at, Day::end_ms),
                    body: &entry.body,
                    actor: Some(by),
                    at: self.clock.now(),
                },
            )
            .await?;
        if !changed {
            return Err(Error::Conflict("changed_meanwhile"));
        }
        Ok(())
    }

    /// Anyone signed in may follow a result.
    pub async fn follow(&self, actor: &Actor, id: i64, on: bool) -> Result<()> {
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        self.store.tracked(id).await?;
        self.store.follow_result(id, by, on, self.clock.now()).await
    }

    pub async fn notices(&self, actor: &Actor) -> Result<Vec<TrackedNotice>> {
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        self.store.tracked_notices(by, self.clock.now()).await
    }

    fn answers_for(&self, actor: &Actor, result: &Tracked) -> Result<()> {
        let community = CommunityCode::parse(&result.community)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored community code: {e}")))?;
        may(actor, &Action::RunDeliberation(&community))?;
        Ok(())
    }
}
