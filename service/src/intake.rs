//! Reports that arrive without a grid. An Open311 client knows nothing of
//! grids: Linli puts its report in the grid nearest the position it sent,
//! or keeps it for staff over the place its address names to put in a
//! grid. Nothing is refused for lacking a grid.

use linli_model::{
    account::{AccountId, FieldError},
    matter::{MatterForm, UnplacedReport},
    tree::GridCode,
};

use crate::{
    Error, Result, Store,
    clock::Clock,
    matters::{Matters, new_form_key, queue_scope},
    policy::{Action, Actor, Denied, may},
};

pub struct Intake<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub site: &'a str,
}

/// What became of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filed {
    /// Filed as this matter (`new`: not a retry of one filed before).
    Matter { id: i64, new: bool },
    /// Waiting for staff to place it; the token tells its caller later
    /// which matter it became.
    Waiting { token: String },
}

impl Intake<'_> {
    fn matters(&self) -> Matters<'_> {
        Matters {
            store: self.store,
            clock: self.clock,
            site: self.site,
        }
    }

    /// Files a report wherever it can be placed: in the grid it names, in
    /// the grid nearest its position, or in the queue of the place its
    /// address names (the whole city's when it names none).
    pub async fn file(&self, actor: &Actor, form: &MatterForm) -> Result<Filed> {
        may(actor, &Action::Report)?;
        let reporter = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        if !form.grid.trim().is_empty() {
            let grid = GridCode::parse(form.grid.trim())
                .map_err(|_| Error::invalid("grid", FieldError::NotInCommunity))?;
            let (id, new) = self
                .matters()
                .report(actor, &grid.community(), form)
                .await?;
            return Ok(Filed::Matter { id, new });
        }
        let content = form.parse_unplaced().map_err(Error::Invalid)?;
        if !self
            .store
            .categories()
            .await?
            .iter()
            .any(|c| c.code == content.category)
        {
            return Err(Error::invalid("category", FieldError::NotAChoice));
        }
        let now = self.clock.now();
        let mut place = None;
        if let Some((latitude, longitude)) = content.point
            && let Some(grid) = self.store.nearest_grid(latitude, longitude).await?
        {
            match self
                .matters()
                .file(
                    reporter,
                    actor.via(),
                    now,
                    content.clone().placed(grid.clone()),
                )
                .await
            {
                Ok((id, new)) => return Ok(Filed::Matter { id, new }),
                // The community there does not take this kind of matter:
                // its staff decide where it goes.
                Err(Error::Invalid(_)) => place = Some(grid.community().to_string()),
                Err(e) => return Err(e),
            }
        }
        let place = match (place, &content.address) {
            (Some(place), _) => place,
            (None, Some(address)) => self.store.place_named_in(address).await?,
            (None, None) => String::new(),
        };
        let (_, token) = self
            .store
            .insert_intake(reporter, &place, &content, &new_form_key(), now)
            .await?;
        Ok(Filed::Waiting { token })
    }

    /// Staff put a waiting report in a grid of theirs: it is filed as a
    /// matter by its reporter, as of when it came in, so its time waiting
    /// counts against the response window.
    pub async fn place(&self, actor: &Actor, id: i64, grid: &GridCode) -> Result<i64> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        may(actor, &Action::ManageMatter(grid))?;
        let (area, _) = queue_scope(viewer).ok_or(Error::Denied(Denied::NotPermitted))?;
        let row = self.store.intake(id).await?;
        if row.matter_id.is_some() {
            return Err(Error::Conflict("placed_already"));
        }
        if !self.store.intake_visible_from(id, &area).await? {
            return Err(Error::NotFound);
        }
        let report = UnplacedReport {
            category: row.category_code,
            title: row.title,
            description: row.description,
            address: row.address,
            point: row.latitude.zip(row.longitude),
            show_name: false,
            key: format!("intake-{id:010}"),
            photos: Vec::new(),
        };
        let (matter, _) = self
            .matters()
            .file(
                AccountId(row.reporter_id),
                crate::policy::Via::ONLINE,
                row.created_at,
                report.placed(grid.clone()),
            )
            .await?;
        // Two staff placing at once file one matter (the same key); the
        // first to record it is in the audit log.
        self.store
            .mark_placed(id, matter, viewer.id, grid, self.clock.now())
            .await?;
        Ok(matter)
    }

    /// What a token given to a client stands for: `None` when it is no
    /// token of ours, `Some(None)` while it waits, else its matter.
    pub async fn token(&self, token: &str) -> Result<Option<Option<i64>>> {
        self.store.intake_by_token(token).await
    }
}
