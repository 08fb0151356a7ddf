//! Community projects and their calls for bids.
//!
//! The seal: before the call's deadline no one but the bidding
//! organisation reads a bid, nor learns how many there are. Every reader
//! of bid content goes through [`Projects::readable_bids`], so the rule is
//! written once and the pages, server functions and REST API share it.

use std::collections::HashSet;

use linli_model::{
    Page,
    account::{AccountId, FieldError},
    matter::{MAX_PHOTOS, PhotoId},
    organisation::OrganisationStatus,
    project::{
        BidForm, BidView, CallForm, CallTerms, EvaluatorView, MilestoneView, MySheet, NewPlan,
        ProjectDetail, ProjectStatus, ProjectStep, ProjectSummary, PublishedSheet, RankedBid,
        ScoreSheet, YourPart, bid_total, parse_scores, ranking_key, weighted_total,
    },
    tree::CommunityCode,
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::Clock,
    organisations::acted_for,
    policy::{Action, Actor, Denied, may},
    store::{BidRow, MilestoneFiled, ProjectChange, ProjectRow, SheetRow},
};

/// Projects a list page shows at once.
pub const PAGE_SIZE: usize = 20;

#[derive(Debug, Clone)]
pub struct Projects<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// Bids the reader may read, and whether the call is still sealed.
#[derive(Debug, Clone)]
pub struct Readable {
    pub sealed: bool,
    pub bids: Vec<BidRow>,
}

fn me(actor: &Actor) -> Result<AccountId> {
    Ok(actor.viewer().ok_or(Error::Unauthenticated)?.id)
}

fn call_is_open(row: &ProjectRow) -> Result<()> {
    if row.status()? == ProjectStatus::CallOpen {
        Ok(())
    } else {
        Err(Error::Conflict("call_closed"))
    }
}

/// Whether someone acting for `own` organisations acts for one that bid on
/// the call: that puts an evaluator out of the whole call.
fn acts_for_bidder(own: &[i64], bids: &[BidRow]) -> bool {
    bids.iter()
        .any(|b| !b.withdrawn && own.contains(&b.organisation_id))
}

/// Whether evaluator `account` declared a conflict with any bid of the
/// call: that, too, puts them out of the whole call.
fn declared_conflict(account: i64, sheets: &[SheetRow]) -> bool {
    sheets.iter().any(|s| s.account_id == account && s.conflict)
}

impl Projects<'_> {
    async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        community: &CommunityCode,
        outcome: Outcome,
    ) -> Result<()> {
        self.store
            .audit_in_community(actor, action, target, community, outcome, self.clock.now())
            .await
    }

    /// Staff's right over the project's community; refusals of signed-in
    /// people are audited.
    async fn manages(&self, actor: &Actor, row: &ProjectRow, action: &str) -> Result<()> {
        let community = row.community()?;
        let target = format!("project:{}", row.project_id);
        self.store
            .allowed_in_community(
                actor,
                &Action::KeepLists(&community),
                action,
                target,
                &community,
                self.clock.now(),
            )
            .await
    }

    async fn is_evaluator(&self, actor: &Actor, project: i64) -> Result<bool> {
        let Some(v) = actor.viewer() else {
            return Ok(false);
        };
        Ok(self
            .store
            .evaluators(project)
            .await?
            .iter()
            .any(|(id, _)| *id == v.id))
    }

    /// Publishes a project with its call for bids, or lists it as planned
    /// when the form says so.
    pub async fn publish(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &CallForm,
    ) -> Result<i64> {
        self.store
            .allowed_in_community(
                actor,
                &Action::KeepLists(community),
                "project.published",
                format!("community:{community}"),
                community,
                self.clock.now(),
            )
            .await?;
        let now = self.clock.now();
        let (plan, call) = if form.plan_only() {
            (form.parse_plan().map_err(Error::Invalid)?, None)
        } else {
            let call = form.parse(now).map_err(Error::Invalid)?;
            let evaluators = self.evaluator_accounts(&call.terms).await?;
            (call.plan, Some((call.terms, evaluators)))
        };
        self.check_links(community, &plan).await?;
        let id = self
            .store
            .insert_project(
                community,
                &plan,
                call.as_ref().map(|(t, e)| (t, e.as_slice())),
                me(actor)?,
                now,
            )
            .await?;
        let action = if call.is_some() {
            "project.published"
        } else {
            "project.planned"
        };
        self.audit(
            actor,
            action,
            format!("project:{id}"),
            community,
            Outcome::Ok,
        )
        .await?;
        Ok(id)
    }

    /// Publishes a planned project's call for bids.
    pub async fn open_call(&self, actor: &Actor, project: i64, form: &CallForm) -> Result<()> {
        let row = self.store.project_row(project).await?;
        self.manages(actor, &row, "project.call_opened").await?;
        let terms = form.parse_terms(self.clock.now()).map_err(Error::Invalid)?;
        let evaluators = self.evaluator_accounts(&terms).await?;
        self.step(
            actor,
            &row,
            ProjectStep::OpenCall,
            ProjectChange {
                terms: Some((&terms, &evaluators)),
                kind: "published",
                ..Default::default()
            },
        )
        .await
    }

    /// The accounts of a call's evaluators, by their logins.
    async fn evaluator_accounts(&self, terms: &CallTerms) -> Result<Vec<AccountId>> {
        let mut evaluators = Vec::with_capacity(terms.evaluators.len());
        for login in &terms.evaluators {
            match self.store.contact_for(login).await? {
                Some(id) => evaluators.push(id),
                None => return Err(Error::invalid("evaluators", FieldError::UnknownAccount)),
            }
        }
        Ok(evaluators)
    }

    /// The deliberation, need and resources a plan names must be the
    /// community's own.
    async fn check_links(&self, community: &CommunityCode, plan: &NewPlan) -> Result<()> {
        if let Some(d) = plan.deliberation {
            let row = self
                .store
                .deliberation_row(d)
                .await
                .map_err(|_| Error::invalid("deliberation", FieldError::NotAChoice))?;
            if row.community_code != community.as_str() {
                return Err(Error::invalid("deliberation", FieldError::NotInCommunity));
            }
        }
        if let Some(need) = plan.need {
            let found = self.store.need(need).await.ok();
            if found.is_none_or(|(n, _)| n.community != *community) {
                return Err(Error::invalid("need", FieldError::NotInCommunity));
            }
        }
        let found = self.store.resources_of(community, &plan.resources).await?;
        if found.len() != plan.resources.len() {
            return Err(Error::invalid("resources", FieldError::NotInCommunity));
        }
        Ok(())
    }

    /// Projects of a place (a district, street or community code, or
    /// everywhere when empty) with `text` in their title or description,
    /// newest first.
    pub async fn list(
        &self,
        place: &str,
        status: Option<ProjectStatus>,
        text: Option<&str>,
        before: Option<i64>,
    ) -> Result<Page<ProjectSummary>> {
        let text = crate::lists::query_text(text);
        self.store
            .projects(place, status, &text, before, PAGE_SIZE)
            .await
    }

    /// The seal, in one place: what bids the actor may read now.
    pub async fn readable_bids(&self, actor: &Actor, row: &ProjectRow) -> Result<Readable> {
        let sealed = self.clock.now() < row.deadline;
        let all = self.store.bids(row.project_id).await?;
        let own = acted_for(actor);
        let insider = !sealed
            && (may(actor, &Action::KeepLists(&row.community()?)).is_ok()
                || self.is_evaluator(actor, row.project_id).await?);
        let bids = all
            .into_iter()
            .filter(|b| {
                own.contains(&b.organisation_id)
                    || insider
                    || (!sealed && row.awarded_bid_id == Some(b.bid_id))
            })
            .collect();
        Ok(Readable { sealed, bids })
    }

    async fn bid_view(&self, b: &BidRow) -> Result<BidView> {
        Ok(BidView {
            id: b.bid_id,
            organisation: b.organisation_id,
            organisation_name: b.organisation_name.clone(),
            content: b.content()?,
            withdrawn: b.withdrawn,
            submitted_at: b.submitted_at,
            updated_at: b.updated_at,
            record: self.store.track_record(b.organisation_id).await?,
        })
    }

    /// The bids the actor may read, for the REST API.
    pub async fn bids(&self, actor: &Actor, id: i64) -> Result<(bool, Vec<BidView>)> {
        let row = self.store.project_row(id).await?;
        let readable = self.readable_bids(actor, &row).await?;
        let mut out = Vec::with_capacity(readable.bids.len());
        for b in &readable.bids {
            out.push(self.bid_view(b).await?);
        }
        Ok((readable.sealed, out))
    }

    /// The published result: every live bid ranked, with every evaluator's
    /// scores; reasons only for the bid's organisation, staff and the
    /// evaluator who wrote them.
    fn results(
        &self,
        actor: &Actor,
        row: &ProjectRow,
        bids: &[BidRow],
        sheets: &[SheetRow],
        excluded: &HashSet<i64>,
        staff: bool,
    ) -> Result<Vec<RankedBid>> {
        let own = acted_for(actor);
        let me = actor.viewer().map(|v| v.id.0);
        let mut ranked: Vec<(RankedBid, i64)> = Vec::new();
        for b in bids.iter().filter(|b| !b.withdrawn) {
            let mine = own.contains(&b.organisation_id);
            let of_bid: Vec<&SheetRow> = sheets.iter().filter(|s| s.bid_id == b.bid_id).collect();
            let published: Vec<PublishedSheet> = of_bid
                .iter()
                .filter(|s| !excluded.contains(&s.account_id))
                .map(|s| {
                    Ok(PublishedSheet {
                        evaluator: s.evaluator.clone(),
                        scores: s.scores()?,
                        total: u32::try_from(s.total.unwrap_or(0)).unwrap_or(0),
                        comment: (mine || staff || me == Some(s.account_id))
                            .then(|| s.comment.clone()),
                    })
                })
                .collect::<Result<_>>()?;
            let totals: Vec<u32> = published.iter().map(|s| s.total).collect();
            ranked.push((
                RankedBid {
                    rank: 0,
                    bid: b.bid_id,
                    organisation: b.organisation_id,
                    organisation_name: b.organisation_name.clone(),
                    price: b.price(),
                    total: bid_total(&totals),
                    sheets: published,
                    excluded: of_bid
                        .iter()
                        .filter(|s| excluded.contains(&s.account_id))
                        .map(|s| s.evaluator.clone())
                        .collect(),
                    awarded: row.awarded_bid_id == Some(b.bid_id),
                },
                b.submitted_at,
            ));
        }
        ranked.sort_by_key(|(r, at)| ranking_key(r.total, r.price, *at));
        Ok(ranked
            .into_iter()
            .enumerate()
            .map(|(i, (mut r, _))| {
                r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
                r
            })
            .collect())
    }

    /// Everything the project's page shows, for this reader.
    pub async fn detail(&self, actor: &Actor, id: i64) -> Result<ProjectDetail> {
        let row = self.store.project_row(id).await?;
        let community = row.community()?;
        let status = row.status()?;
        let now = self.clock.now();
        let staff = may(actor, &Action::KeepLists(&community)).is_ok();
        let evaluator = self.is_evaluator(actor, id).await?;
        let readable = self.readable_bids(actor, &row).await?;
        let mut bids = Vec::with_capacity(readable.bids.len());
        for b in &readable.bids {
            bids.push(self.bid_view(b).await?);
        }
        // Sheets are read only once the seal is off: they name bids.
        let sheets = if readable.sealed {
            Vec::new()
        } else {
            self.store.sheets(id).await?
        };
        let me = actor.viewer().map(|v| v.id);
        let my_sheets = match me.filter(|_| evaluator && !readable.sealed) {
            Some(me) => {
                let out_of_call = declared_conflict(me.0, &sheets)
                    || acts_for_bidder(&acted_for(actor), &readable.bids);
                let mut out = Vec::new();
                for b in readable.bids.iter().filter(|b| !b.withdrawn) {
                    let sheet = sheets
                        .iter()
                        .find(|s| s.bid_id == b.bid_id && s.account_id == me.0);
                    let mine = match sheet {
                        Some(s) if s.conflict => MySheet::Conflict(s.comment.clone()),
                        _ if out_of_call => MySheet::Excluded,
                        None => MySheet::Open,
                        Some(s) => MySheet::Scored(ScoreSheet {
                            scores: s.scores()?,
                            comment: s.comment.clone(),
                        }),
                    };
                    out.push((b.bid_id, mine));
                }
                out
            }
            None => Vec::new(),
        };
        let evaluators = self
            .store
            .evaluators(id)
            .await?
            .into_iter()
            .map(|(account, name)| {
                let of = |conflict: bool| {
                    u32::try_from(
                        sheets
                            .iter()
                            .filter(|s| s.account_id == account.0 && s.conflict == conflict)
                            .count(),
                    )
                    .unwrap_or(u32::MAX)
                };
                EvaluatorView {
                    name,
                    scored: of(false),
                    conflicts: of(true),
                }
            })
            .collect();
        let awarded = row.awarded_bid_id.is_some();
        let results = if awarded {
            let all = self.store.bids(id).await?;
            let excluded = self.excluded(id, &all, &sheets).await?;
            self.results(actor, &row, &all, &sheets, &excluded, staff)?
        } else {
            Vec::new()
        };
        let awarded_bid = match row.awarded_bid_id {
            Some(bid) => bids.iter().find(|b| b.id == bid).cloned(),
            None => None,
        };
        let reports = self.store.milestone_reports(id).await?;
        let milestones = awarded_bid
            .as_ref()
            .map(|b| {
                b.content
                    .milestones
                    .iter()
                    .enumerate()
                    .map(|(i, m)| MilestoneView {
                        milestone: m.clone(),
                        report: reports
                            .iter()
                            .find(|(p, _)| usize::try_from(*p).ok() == Some(i))
                            .map(|(_, r)| r.clone()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let own = acted_for(actor);
        let mut may_bid_as = Vec::new();
        if status == ProjectStatus::CallOpen && now < row.deadline {
            for org in &own {
                let o = self.store.organisation_row(*org).await?;
                if o.status()? == OrganisationStatus::Verified
                    && o.areas()?.iter().any(|a| a.covers(&community))
                {
                    may_bid_as.push((o.organisation_id, o.name));
                }
            }
        }
        let you = YourPart {
            signed_in: me.is_some(),
            manages: staff,
            may_bid_as,
            evaluator,
            reports: awarded_bid
                .as_ref()
                .is_some_and(|b| own.contains(&b.organisation))
                && matches!(status, ProjectStatus::Awarded | ProjectStatus::InProgress),
            may_rate: status.rated_now() && may(actor, &Action::VoteIn(&community)).is_ok(),
            your_rating: match me {
                Some(me) => self.store.rating_of(id, me).await?,
                None => None,
            },
        };
        let deliberation = match row.deliberation_id {
            Some(d) => Some((d, self.store.deliberation_row(d).await?.title)),
            None => None,
        };
        Ok(ProjectDetail {
            summary: self.store.project_summary(id).await?,
            description: row.description.clone(),
            requirements: row.requirements.clone(),
            eligibility: row.eligibility.clone(),
            criteria: row.criteria()?,
            deliberation,
            need: match row.need_id {
                Some(n) => Some((n, self.store.need(n).await?.0.title)),
                None => None,
            },
            resources: self.store.project_resources(id).await?,
            evaluators,
            sealed: readable.sealed,
            bid_count: if readable.sealed {
                None
            } else {
                Some(self.store.count_bids(id).await?)
            },
            bids,
            my_sheets,
            results,
            milestones,
            tracked: self
                .store
                .tracked_of(&linli_model::tracker::Source::Project { project: id })
                .await?
                .map(|t| t.id),
            ratings: self.store.project_ratings(id).await?,
            timeline: self.store.project_timeline(id).await?,
            you,
        })
    }

    /// The organisation's right to bid on this call now.
    async fn bidder(&self, actor: &Actor, row: &ProjectRow, organisation: i64) -> Result<()> {
        may(actor, &Action::ActFor(organisation))?;
        let o = self.store.organisation_row(organisation).await?;
        if o.status()? != OrganisationStatus::Verified {
            return Err(Error::Conflict("organisation_unverified"));
        }
        let community = row.community()?;
        if !o.areas()?.iter().any(|a| a.covers(&community)) {
            return Err(Error::Conflict("outside_service_area"));
        }
        call_is_open(row)?;
        if self.clock.now() >= row.deadline {
            return Err(Error::invalid("proposal", FieldError::WindowClosed));
        }
        Ok(())
    }

    /// Submits or replaces the organisation's bid, until the deadline.
    pub async fn bid(
        &self,
        actor: &Actor,
        project: i64,
        organisation: i64,
        form: &BidForm,
    ) -> Result<i64> {
        let row = self.store.project_row(project).await?;
        self.bidder(actor, &row, organisation).await?;
        let bid = form
            .parse(row.cap(), row.deadline)
            .map_err(Error::Invalid)?;
        let id = self
            .store
            .save_bid(project, organisation, &bid, me(actor)?, self.clock.now())
            .await?;
        self.audit(
            actor,
            "project.bid",
            format!("project:{project}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await?;
        Ok(id)
    }

    /// Withdraws the organisation's bid, until the deadline.
    pub async fn withdraw(&self, actor: &Actor, project: i64, organisation: i64) -> Result<()> {
        let row = self.store.project_row(project).await?;
        self.bidder(actor, &row, organisation).await?;
        if !self
            .store
            .withdraw_bid(project, organisation, self.clock.now())
            .await?
        {
            return Err(Error::NotFound);
        }
        self.audit(
            actor,
            "project.bid_withdrawn",
            format!("project:{project}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// The bid an evaluator may work on now: theirs to score after the
    /// deadline and before the award, not withdrawn, not their own
    /// organisation's. Until the deadline a bid answers as a missing one
    /// does, to everyone, so nobody learns that it exists.
    async fn sheet_target(&self, actor: &Actor, bid: i64) -> Result<(ProjectRow, BidRow)> {
        let project = self.store.bid_project(bid).await?;
        let row = self.store.project_row(project).await?;
        if self.clock.now() < row.deadline {
            return Err(Error::NotFound);
        }
        if !self.is_evaluator(actor, row.project_id).await? {
            return Err(Denied::NotPermitted.into());
        }
        call_is_open(&row)?;
        let bids = self.store.bids(row.project_id).await?;
        let b = bids
            .iter()
            .find(|b| b.bid_id == bid && !b.withdrawn)
            .cloned()
            .ok_or(Error::NotFound)?;
        if acts_for_bidder(&acted_for(actor), &bids) {
            return Err(Error::Conflict("own_organisation"));
        }
        Ok((row, b))
    }

    /// Evaluators kept out of the whole call: those who act for an
    /// organisation that bid on it, and those who declared a conflict with
    /// any of its bids. Their sheets do not count and are not awaited.
    async fn excluded(
        &self,
        project: i64,
        bids: &[BidRow],
        sheets: &[SheetRow],
    ) -> Result<HashSet<i64>> {
        let mut out = HashSet::new();
        for (e, _) in self.store.evaluators(project).await? {
            let viewer = self.store.viewer(e).await?;
            if declared_conflict(e.0, sheets)
                || acts_for_bidder(&acted_for(&Actor::Signed(viewer)), bids)
            {
                out.insert(e.0);
            }
        }
        Ok(out)
    }

    /// Declares a conflict of interest with a bid: the evaluator does not
    /// score it, and the result says so.
    pub async fn declare_conflict(&self, actor: &Actor, bid: i64, reason: &str) -> Result<()> {
        let (row, _) = self.sheet_target(actor, bid).await?;
        let reason = crate::error::field_text("reason", reason, 4, 500, true)?;
        if !self
            .store
            .save_sheet(bid, me(actor)?, None, &reason, self.clock.now())
            .await?
        {
            return Err(Error::Conflict("conflict_declared"));
        }
        self.audit(
            actor,
            "project.conflict_declared",
            format!("bid:{bid}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// Scores a bid on every criterion; scoring again replaces the sheet.
    pub async fn score(
        &self,
        actor: &Actor,
        bid: i64,
        typed: &[String],
        comment: &str,
    ) -> Result<u32> {
        let (row, _) = self.sheet_target(actor, bid).await?;
        if declared_conflict(me(actor)?.0, &self.store.sheets(row.project_id).await?) {
            return Err(Error::Conflict("conflict_declared"));
        }
        let criteria = row.criteria()?;
        let sheet = parse_scores(typed, comment, criteria.len()).map_err(Error::Invalid)?;
        let total = weighted_total(&criteria, &sheet.scores);
        if !self
            .store
            .save_sheet(
                bid,
                me(actor)?,
                Some((&sheet.scores, total)),
                &sheet.comment,
                self.clock.now(),
            )
            .await?
        {
            return Err(Error::Conflict("conflict_declared"));
        }
        self.audit(
            actor,
            "project.scored",
            format!("bid:{bid}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await?;
        Ok(total)
    }

    async fn step(
        &self,
        actor: &Actor,
        row: &ProjectRow,
        step: ProjectStep,
        change: ProjectChange<'_>,
    ) -> Result<()> {
        let next = row
            .status()?
            .after(step)
            .map_err(|_| Error::Conflict("wrong_step"))?;
        let saved = self
            .store
            .save_project(
                row,
                next,
                &change,
                actor.viewer().map(|v| v.id),
                self.clock.now(),
            )
            .await?;
        if !saved {
            return Err(Error::Conflict("changed_meanwhile"));
        }
        self.audit(
            actor,
            &format!("project.{}", change.kind),
            format!("project:{}", row.project_id),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// Awards the call to the best-ranked bid, once the deadline has passed
    /// and every evaluator has scored (or declared a conflict with) every
    /// bid. The ranking and every sheet are published with it.
    pub async fn award(&self, actor: &Actor, project: i64) -> Result<i64> {
        let row = self.store.project_row(project).await?;
        self.manages(actor, &row, "project.awarded").await?;
        call_is_open(&row)?;
        if self.clock.now() < row.deadline {
            return Err(Error::Conflict("sealed"));
        }
        let bids: Vec<BidRow> = self
            .store
            .bids(project)
            .await?
            .into_iter()
            .filter(|b| !b.withdrawn)
            .collect();
        if bids.is_empty() {
            return Err(Error::Conflict("no_bids"));
        }
        let sheets = self.store.sheets(project).await?;
        let excluded = self.excluded(project, &bids, &sheets).await?;
        let evaluators = self.store.evaluators(project).await?;
        let complete = bids.iter().all(|b| {
            evaluators.iter().all(|(e, _)| {
                excluded.contains(&e.0)
                    || sheets
                        .iter()
                        .any(|s| s.bid_id == b.bid_id && s.account_id == e.0)
            })
        });
        if !complete {
            return Err(Error::Conflict("sheets_missing"));
        }
        let ranked = self.results(actor, &row, &bids, &sheets, &excluded, true)?;
        let best = ranked
            .first()
            .filter(|r| r.total.is_some())
            .ok_or(Error::Conflict("no_scores"))?;
        let note = format!("{} · {}", best.organisation_name, best.price);
        self.step(
            actor,
            &row,
            ProjectStep::Award,
            ProjectChange {
                awarded_bid: Some(best.bid),
                kind: "awarded",
                note: Some(&note),
                ..Default::default()
            },
        )
        .await?;
        let milestones = bids
            .iter()
            .find(|b| b.bid_id == best.bid)
            .map(BidRow::content)
            .transpose()?
            .map(|c| c.milestones)
            .unwrap_or_default();
        let planned = milestones
            .iter()
            .map(|m| m.due)
            .max()
            .unwrap_or(row.deadline);
        self.tracker()
            .project_awarded(
                project,
                &row.community_code,
                &row.title,
                linli_model::calendar::Day::of(planned).end_ms(),
            )
            .await?;
        Ok(best.bid)
    }

    fn tracker(&self) -> crate::tracker::Tracker<'_> {
        crate::tracker::Tracker {
            store: self.store,
            clock: self.clock,
        }
    }

    /// Ends a call without an award, saying why.
    pub async fn cancel(&self, actor: &Actor, project: i64, reason: &str) -> Result<()> {
        let row = self.store.project_row(project).await?;
        self.manages(actor, &row, "project.cancelled").await?;
        let reason = crate::error::field_text("reason", reason, 4, 500, true)?;
        self.step(
            actor,
            &row,
            ProjectStep::Cancel,
            ProjectChange {
                kind: "cancelled",
                note: Some(&reason),
                ..Default::default()
            },
        )
        .await?;
        self.tracker().project_cancelled(project).await
    }

    /// The awarded organisation reports a milestone with its evidence; the
    /// last one open delivers the project.
    pub async fn report(
        &self,
        actor: &Actor,
        project: i64,
        milestone: u32,
        body: &str,
        photos: &[PhotoId],
    ) -> Result<()> {
        let row = self.store.project_row(project).await?;
        let awarded = row.awarded_bid_id.ok_or(Error::Conflict("wrong_step"))?;
        let bid = self
            .store
            .bids(project)
            .await?
            .into_iter()
            .find(|b| b.bid_id == awarded)
            .ok_or(Error::NotFound)?;
        may(actor, &Action::ActFor(bid.organisation_id))?;
        let milestones = bid.content()?.milestones;
        if usize::try_from(milestone).map_or(true, |m| m >= milestones.len()) {
            return Err(Error::invalid("milestone", FieldError::NotAChoice));
        }
        let reported = self.store.milestone_reports(project).await?;
        if reported.iter().any(|(p, _)| *p == milestone) {
            return Err(Error::invalid("milestone", FieldError::AlreadyRequested));
        }
        let body = crate::error::field_text("body", body, 10, 4000, true)?;
        if photos.len() > MAX_PHOTOS {
            return Err(Error::invalid(
                "photos",
                FieldError::LimitReached(MAX_PHOTOS),
            ));
        }
        if self.store.known_photos(photos).await?.len() != photos.len() {
            return Err(Error::invalid("photos", FieldError::NotAChoice));
        }
        let last = reported.len() + 1 == milestones.len();
        let title = milestones
            .get(usize::try_from(milestone).unwrap_or(0))
            .map(|m| m.title.clone());
        self.step(
            actor,
            &row,
            ProjectStep::Report { last },
            ProjectChange {
                report: Some(MilestoneFiled {
                    milestone,
                    body: &body,
                    photos,
                }),
                kind: if last { "delivered" } else { "reported" },
                note: title.as_deref(),
                ..Default::default()
            },
        )
        .await?;
        self.tracker()
            .project_reported(
                project,
                reported.len() + 1,
                milestones.len(),
                title.as_deref().unwrap_or_default(),
            )
            .await
    }

    /// Closes the residents' rating of a delivered project.
    pub async fn close_evaluation(&self, actor: &Actor, project: i64) -> Result<()> {
        let row = self.store.project_row(project).await?;
        self.manages(actor, &row, "project.evaluated").await?;
        let ratings = self.store.project_ratings(project).await?;
        let note = ratings
            .mean
            .map(|m| format!("{}.{:02} · {}", m / 100, m % 100, ratings.total()));
        self.step(
            actor,
            &row,
            ProjectStep::CloseEvaluation,
            ProjectChange {
                kind: "evaluated",
                note: note.as_deref(),
                ..Default::default()
            },
        )
        .await
    }

    /// A verified resident of the community rates the delivered project.
    pub async fn rate(
        &self,
        actor: &Actor,
        project: i64,
        stars: &str,
        comment: &str,
    ) -> Result<()> {
        let row = self.store.project_row(project).await?;
        may(actor, &Action::VoteIn(&row.community()?))?;
        if !row.status()?.rated_now() {
            return Err(Error::invalid("stars", FieldError::WindowClosed));
        }
        let stars = stars
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|s| (1..=5).contains(s))
            .ok_or_else(|| Error::invalid("stars", FieldError::NumberRange(1, 5)))?;
        let comment = if comment.trim().is_empty() {
            None
        } else {
            Some(crate::error::field_text("comment", comment, 2, 500, true)?)
        };
        self.store
            .rate_project(
                project,
                me(actor)?,
                stars,
                comment.as_deref(),
                self.clock.now(),
            )
            .await
    }
}
