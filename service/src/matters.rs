//! Resident matters: reporting, the handling steps, support, the public
//! view, and the deadline watch. The state machine lives in the model;
//! this module decides who may take a step and what it changes.

use linli_model::{
    Lang, Page,
    account::{AccountId, FieldError, Viewer},
    channel::{Channel, ChannelRow},
    item::ListItem,
    matter::{
        Category, Handler, InboxItem, Level, MatterDetail, MatterFilter, MatterForm,
        MatterSettings, MatterState, MatterStats, MatterSummary, Rating, Severity, Step, StepBy,
        StepError, StepKind, TimelineEntry, WorkQueue, YourPart, parse_settings,
    },
    role::{Role, Scope},
    tree::{CommunityCode, GridCode},
};

use linli_model::accountability::{self, ANONYMITY_FLOOR};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::{Clock, DAY, Millis},
    items::Items,
    policy::{Action, Actor, Denied, Via, may},
    store::{MatterRow, NewEvent, Notice},
};

/// How long after "resolved" the resident may reopen instead of rating;
/// after that the matter closes unrated.
pub const REOPEN_WINDOW: Millis = 14 * DAY;
/// Suggestions shown before a report is sent.
const SIMILAR_SHOWN: usize = 5;
/// Recent open matters of the community compared with a new report.
const SIMILAR_POOL: i64 = 300;
/// Matters handled per round of the deadline watch.
const WATCH_BATCH: i64 = 200;
/// Matters a work queue shows at once, nearest deadline first.
const QUEUE_LIMIT: i64 = 200;
/// Grids offered in a list to place a waiting report in; a larger area
/// types the grid's code.
const GRID_CHOICES: i64 = 300;
/// Inbox lines shown.
const INBOX_LIMIT: i64 = 100;

#[derive(Debug, Clone)]
pub struct Matters<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    /// How people reach the site, for the links in messages.
    pub site: &'a str,
}

/// A fresh key for a report form: 128 random bits in hex. The form sends
/// it back, so the same form submitted twice files one matter.
pub fn new_form_key() -> String {
    use rand_core::{OsRng, RngCore};
    let mut key = [0u8; 16];
    OsRng.fill_bytes(&mut key);
    hex::encode(key)
}

/// Character pairs of a title, ignoring spaces and punctuation: Chinese
/// titles have no spaces to split on, and pairs catch "路灯不亮"/"路灯坏了".
fn pairs(text: &str) -> std::collections::HashSet<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Jaccard similarity of two titles' character pairs, 0 to 1.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    shared / (a.len() + b.len()) as f64 * 2.0
}

fn step_error(step: &Step, e: StepError) -> Error {
    let field = match step {
        Step::Reject { .. } | Step::Reopen { .. } => "reason",
        Step::Refer { to: None, .. } => "to",
        Step::Refer { .. } => "reason",
        Step::Resolve { .. } => "done",
        Step::Dispatch { .. } => "handler",
        Step::Merge { .. } => "into",
        _ => "step",
    };
    match e {
        StepError::TextRequired => Error::invalid(field, FieldError::Required),
        StepError::NoSuchMatter => Error::invalid(field, FieldError::NotAChoice),
        StepError::Finished | StepError::NotNow => Error::Conflict("the matter has moved on"),
    }
}

impl Matters<'_> {
    async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        row: &MatterRow,
        outcome: Outcome,
    ) -> Result<()> {
        self.store
            .audit_by(
                actor,
                action,
                format!("matter:{}", row.matter_id),
                row.grid_code.clone(),
                outcome,
                self.clock.now(),
            )
            .await
    }

    pub async fn categories(&self) -> Result<Vec<Category>> {
        self.store.categories().await
    }

    /// The community's deadlines and category list; public.
    pub async fn settings(&self, community: &CommunityCode) -> Result<MatterSettings> {
        let off = self.store.categories_off(community).await?;
        let (households, promise_supporters) = self.store.promise_setting(community).await?;
        Ok(MatterSettings {
            response_days: self.store.response_days(community).await?,
            promise_supporters,
            promise_default: linli_model::promise::threshold(households, None),
            deadlines: self.store.deadlines(community).await?,
            categories: self
                .store
                .categories()
                .await?
                .into_iter()
                .map(|c| {
                    let on = !off.contains(&c.code);
                    (c, on)
                })
                .collect(),
        })
    }

    /// Replaces the community's settings from the settings form's pairs.
    pub async fn save_settings(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        pairs: &[(String, String)],
    ) -> Result<MatterSettings> {
        if let Err(denied) = may(actor, &Action::ConfigureCommunity(community)) {
            if actor.viewer().is_some() {
                self.audit_settings(actor, community, Outcome::Denied)
                    .await?;
            }
            return Err(denied.into());
        }
        let known = self.store.categories().await?;
        let change = parse_settings(pairs, &known).map_err(Error::Invalid)?;
        self.store
            .save_community_settings(community, &change)
            .await?;
        self.audit_settings(actor, community, Outcome::Ok).await?;
        self.settings(community).await
    }

    async fn audit_settings(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        outcome: Outcome,
    ) -> Result<()> {
        self.store
            .audit_in_community(
                actor,
                "community.matter_settings",
                format!("community:{community}"),
                community,
                outcome,
                self.clock.now(),
            )
            .await
    }

    /// Working days a matter of `severity` has in the matter's community.
    /// A negative-list item of the matter's community; any other id is
    /// the form's mistake.
    async fn referral_item(&self, community: &CommunityCode, id: i64) -> Result<ListItem> {
        Items { store: self.store }
            .negative(community)
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| Error::invalid("item", FieldError::NotAChoice))
    }

    /// When a matter of `severity` taken on `now` is due: the community's
    /// working days for it, counted by its district's calendar.
    async fn deadline(
        &self,
        row: &MatterRow,
        severity: Option<Severity>,
        now: Millis,
    ) -> Result<i64> {
        let severity = severity.unwrap_or(Severity::General);
        let community = row.community()?;
        let deadlines = self.store.deadlines(&community).await?;
        let days = deadlines
            .iter()
            .find(|(s, _)| *s == severity)
            .map_or(severity.default_working_days(), |(_, d)| *d);
        let calendar = self.store.working_calendar(&community.district()).await?;
        Ok(calendar.deadline_after(now, days))
    }

    /// Files a report; the same form sent twice (same key) gives the same
    /// matter. Returns its id and whether it is new. A key sent again with
    /// a different report is a client's mistake, refused as
    /// `Conflict("key_reused")` rather than answered with the first report.
    pub async fn report(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &MatterForm,
    ) -> Result<(i64, bool)> {
        may(actor, &Action::Report)?;
        let reporter = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let report = form.parse(community).map_err(Error::Invalid)?;
        self.file(reporter, actor.via(), self.clock.now(), report)
            .await
    }

    /// Files a checked report by `reporter` as of `now`: what the
    /// database must say (the category offered there, the photos and grid
    /// known) is checked here. A key used before returns the first matter,
    /// unless the content differs.
    pub(crate) async fn file(
        &self,
        reporter: AccountId,
        via: Via,
        now: Millis,
        mut report: linli_model::matter::MatterReport,
    ) -> Result<(i64, bool)> {
        let community = report.community.clone();
        let place = self
            .store
            .report_place(&community, &report.grid, &report.category)
            .await?;
        if !place.category_offered {
            return Err(Error::invalid("category", FieldError::NotAChoice));
        }
        let known = self.store.known_photos(&report.photos).await?;
        if known.len() != report.photos.len() {
            return Err(Error::invalid("photos", FieldError::NotAChoice));
        }
        if !place.grid_known {
            return Err(Error::invalid("grid", FieldError::NotInCommunity));
        }
        report.title = report.title.trim().to_owned();
        let calendar = self.store.working_calendar(&community.district()).await?;
        let response_due = calendar.deadline_after(now, place.response_days);
        // The report and its audit entry commit together.
        let (id, new) = self
            .store
            .insert_matter(&report, reporter, via, now, response_due)
            .await?;
        if !new {
            let first = self.store.matter_row(id).await?;
            let same = first.title == report.title
                && first.description == report.description
                && first.grid_code == report.grid.as_str()
                && first.category_code == report.category;
            if !same {
                return Err(Error::Conflict("key_reused"));
            }
        }
        Ok((id, new))
    }

    /// Open matters that look like the one being reported: in the same
    /// grid or category with a similar title, or with a very similar title.
    pub async fn similar(
        &self,
        community: &CommunityCode,
        grid: Option<&GridCode>,
        category: Option<&str>,
        title: &str,
    ) -> Result<Vec<MatterSummary>> {
        if title.trim().chars().count() < 2 {
            return Ok(Vec::new());
        }
        let open = self.store.open_matters_in(community, SIMILAR_POOL).await?;
        let mut scored: Vec<(f64, MatterSummary)> = open
            .into_iter()
            .filter_map(|m| {
                let sim = title_similarity(title, &m.title);
                let near = grid == Some(&m.grid) || category == Some(m.category.as_str());
                ((near && sim >= 0.25) || sim >= 0.5).then_some((sim, m))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(scored
            .into_iter()
            .take(SIMILAR_SHOWN)
            .map(|(_, m)| m)
            .collect())
    }

    /// "Me too": adds the actor's support once; reporters do not support
    /// their own matter. `false` when nothing changed.
    pub async fn support(&self, actor: &Actor, id: i64) -> Result<bool> {
        may(actor, &Action::Support)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let row = self.store.matter_row(id).await?;
        if row.reporter_id == viewer.id.0 || !row.state()?.is_open() {
            return Ok(false);
        }
        let added = self
            .store
            .support_matter(id, viewer.id, actor.via(), self.clock.now())
            .await?;
        if added {
            crate::promises::Promises {
                store: self.store,
                clock: self.clock,
            }
            .supported(linli_model::promise::Subject::Matter, id)
            .await?;
        }
        Ok(added)
    }

    /// Whether `account` may be given matters of `grid`: its grid worker or
    /// staff over it.
    async fn can_handle(&self, account: AccountId, grid: &GridCode) -> Result<bool> {
        let viewer = match self.store.viewer(account).await {
            Ok(v) => v,
            Err(Error::NotFound) => return Ok(false),
            Err(e) => return Err(e),
        };
        let here = Scope::Grid(grid.clone());
        Ok(viewer.grants.iter().any(|g| {
            (g.role() == Role::GridWorker || g.role().staff_rank().is_some_and(|r| r >= 2))
                && g.scope().contains(&here)
        }))
    }

    /// Takes one handling step as `actor`, after the policy and the state
    /// machine agree; returns the new state.
    pub async fn step(&self, actor: &Actor, id: i64, step: &Step) -> Result<MatterState> {
        let row = self.store.matter_row(id).await?;
        let grid = row.grid()?;
        let viewer = actor.viewer();
        let me = viewer.map(|v| v.id.0);
        let action = match step {
            Step::Register { .. }
            | Step::Reject { .. }
            | Step::Merge { .. }
            | Step::Refer { .. }
            | Step::Dispatch { .. } => Action::ManageMatter(&grid),
            Step::Start | Step::Resolve { .. } => Action::WorkOnMatter {
                grid: &grid,
                handler: me.is_some() && row.handler_id == me,
            },
            Step::Rate { .. } | Step::Reopen { .. } => Action::FollowUpMatter {
                reporter: me == Some(row.reporter_id),
            },
            // Only the deadline watch takes these, never a person.
            Step::CloseUnrated | Step::Escalate { .. } => {
                return Err(Denied::NotPermitted.into());
            }
        };
        if let Err(denied) = may(actor, &action) {
            if viewer.is_some() {
                let verb = format!("matter.{}", step.kind().as_str());
                self.audit(actor, &verb, &row, Outcome::Denied).await?;
            }
            return Err(denied.into());
        }
        let next = self.apply(&row, step, me.map(AccountId)).await?;
        let verb = format!("matter.{}", step.kind().as_str());
        self.audit(actor, &verb, &row, Outcome::Ok).await?;
        Ok(next)
    }

    /// Computes and saves the row after `step`; shared by people's steps
    /// and the deadline watch.
    async fn apply(
        &self,
        row: &MatterRow,
        step: &Step,
        actor: Option<AccountId>,
    ) -> Result<MatterState> {
        let state = row.state()?;
        let next = state.after(step).map_err(|e| step_error(step, e))?;
        let now = self.clock.now();
        let mut new = row.clone();
        new.state = next.as_str().to_owned();
        new.updated_at = now;
        let mut note: Option<String> = None;
        match step {
            Step::Register { severity } => {
                new.severity = Some(severity.as_str().to_owned());
                new.level = severity.level().as_str().to_owned();
                new.deadline_at = Some(self.deadline(row, Some(*severity), now).await?);
                new.overdue = 0;
            }
            Step::Reject { reason } => note = Some(reason.to_string()),
            Step::Merge { into } => {
                let target = self.store.matter_row(*into).await;
                let fits = match &target {
                    Ok(t) => {
                        t.matter_id != row.matter_id
                            && t.community_code == row.community_code
                            && t.state()?.is_open()
                    }
                    Err(Error::NotFound) => false,
                    Err(_) => return target.map(|_| next),
                };
                if !fits {
                    return Err(Error::invalid("into", FieldError::NotAChoice));
                }
                new.merged_into = Some(*into);
                note = Some(format!("#{into}"));
            }
            Step::Refer { to, reason, item } => {
                let to = to.as_ref().map_or("", |to| to.as_str());
                new.referred_to = Some(match item {
                    // The item names whose work it is; what staff typed
                    // (a named office) narrows it.
                    Some(id) => {
                        let item = self.referral_item(&row.community()?, *id).await?;
                        let body = if to.is_empty() {
                            item.detail.zh.as_str()
                        } else {
                            to
                        };
                        format!("「{}」{body}", item.title.zh)
                    }
                    None => to.to_owned(),
                });
                note = Some(reason.to_string());
            }
            Step::Dispatch { handler } => match handler {
                Handler::Person(account) => {
                    if !self.can_handle(*account, &row.grid()?).await? {
                        return Err(Error::invalid("handler", FieldError::NotAChoice));
                    }
                    new.handler_id = Some(account.0);
                    new.handler_team = None;
                    note = self.store.display_name(account.0).await?;
                }
                Handler::Team(team) => {
                    new.handler_id = None;
                    new.handler_team = Some(team.to_string());
                    note = Some(team.to_string());
                }
            },
            Step::Start => {}
            Step::Resolve { done } => {
                new.resolved_at = Some(now);
                note = Some(done.to_string());
            }
            Step::Rate { rating, comment } => {
                new.rating = Some(i32::from(rating.stars()));
                new.rating_comment = comment.as_ref().map(ToString::to_string);
                new.closed_at = Some(now);
                note = Some(match comment {
                    Some(c) => format!("{}★ {c}", rating.stars()),
                    None => format!("{}★", rating.stars()),
                });
            }
            Step::Reopen { reason } => {
                if row.resolved_at.is_none_or(|at| now - at > REOPEN_WINDOW) {
                    return Err(Error::invalid("reason", FieldError::WindowClosed));
                }
                new.resolved_at = None;
                new.deadline_at = Some(self.deadline(row, row.severity()?, now).await?);
                new.overdue = 0;
                note = Some(reason.to_string());
            }
            Step::CloseUnrated => new.closed_at = Some(now),
            Step::Escalate { to } => {
                new.level = to.as_str().to_owned();
                new.overdue = 1;
                new.escalations += 1;
                new.deadline_at = Some(self.deadline(row, row.severity()?, now).await?);
            }
        }
        // The first answer to a report, whichever it is, ends the response
        // window.
        if matches!(
            step,
            Step::Register { .. } | Step::Reject { .. } | Step::Merge { .. } | Step::Refer { .. }
        ) && row.responded_at.is_none()
        {
            new.responded_at = Some(now);
        }
        let event = NewEvent {
            kind: step.kind(),
            actor,
            note: note.as_deref(),
            at: now,
        };
        let (subject, body) = self.message(row, step.kind(), note.as_deref());
        let notice = Notice {
            subject: &subject,
            body: &body,
        };
        if self.store.save_step(row, &new, &event, &notice).await? {
            Ok(next)
        } else {
            Err(Error::Conflict("the matter changed meanwhile"))
        }
    }

    /// The email to the reporter and supporters about a step, in both
    /// languages (it goes to people whose language the outbox does not know).
    fn message(&self, row: &MatterRow, kind: StepKind, note: Option<&str>) -> (String, String) {
        let (zh, en) = (kind.name(Lang::ZhCn), kind.name(Lang::En));
        let link = format!(
            "{}/matters/{}",
            self.site.trim_end_matches('/'),
            row.matter_id
        );
        let note = note.map(|n| format!("\n{n}")).unwrap_or_default();
        let subject = format!("邻里 Linli #{}: {zh} / {en}", row.matter_id);
        let body = format!(
            "您反映、支持或承办的事项有了新进展：{zh}\n「{title}」{note}\n查看：{link}\n\n\
             A matter you reported, support or handle has moved on: {en}\n\"{title}\"\n{link}\n",
            title = row.title,
        );
        (subject, body)
    }

    /// A matter as `actor` sees it: the reporter's name only if they chose
    /// to show it (or to the staff who handle it), and what they may do.
    pub async fn detail(&self, actor: &Actor, id: i64) -> Result<(MatterDetail, YourPart)> {
        let row = self.store.matter_row(id).await?;
        let grid = row.grid()?;
        let me = actor.viewer().map(|v| v.id.0);
        let may_manage = may(actor, &Action::ManageMatter(&grid)).is_ok();
        let part = YourPart {
            reporter: me == Some(row.reporter_id),
            supporter: match me {
                Some(me) => self.store.is_supporter(id, AccountId(me)).await?,
                None => false,
            },
            may_manage,
            may_work: may_manage || (me.is_some() && row.handler_id == me),
            handlers: if may_manage {
                self.store.handlers_for(&grid).await?
            } else {
                Vec::new()
            },
            referral_items: if may_manage {
                Items { store: self.store }
                    .negative(&row.community()?)
                    .await?
            } else {
                Vec::new()
            },
        };
        let show_reporter = row.show_name != 0 || may_manage || part.reporter;
        let timeline = self
            .store
            .timeline(&row)
            .await?
            .into_iter()
            .map(|(mut entry, by_reporter)| {
                if by_reporter && !show_reporter {
                    entry.by = StepBy::Reporter;
                }
                entry
            })
            .collect::<Vec<TimelineEntry>>();
        let reporter = if show_reporter {
            self.store.display_name(row.reporter_id).await?
        } else {
            None
        };
        let handler = match (&row.handler_id, &row.handler_team) {
            (Some(h), _) => self.store.display_name(*h).await?,
            (None, Some(team)) => Some(team.clone()),
            (None, None) => None,
        };
        let (community_name, grid_name) = self.store.place_names(&grid).await?;
        let summary = self.store.matter_summary(id).await?;
        Ok((
            MatterDetail {
                summary,
                community_name,
                grid_name,
                description: row.description.clone(),
                address: row.address.clone(),
                latitude: row.latitude,
                longitude: row.longitude,
                reporter,
                handler,
                merged_into: row.merged_into,
                referred_to: row.referred_to.clone(),
                rating: row
                    .rating
                    .and_then(|r| u8::try_from(r).ok())
                    .and_then(|r| Rating::new(r).ok()),
                rating_comment: row.rating_comment.clone(),
                resolved_at: row.resolved_at,
                timeline,
                photos: self.store.matter_photos(id).await?,
                channel: Channel::parse(&row.channel).unwrap_or(Channel::Online),
            },
            part,
        ))
    }

    pub async fn list(
        &self,
        filter: &MatterFilter,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Page<MatterSummary>> {
        self.store
            .matters(filter, before, limit, self.clock.now())
            .await
    }

    /// The actor's work queue: a grid worker's grid, community staff's
    /// community (everything at community level and above), and for street
    /// and district officers what escalated to their level in their area.
    pub async fn queue(&self, actor: &Actor) -> Result<WorkQueue> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let (place, levels) = queue_scope(viewer).ok_or(Error::Denied(Denied::NotPermitted))?;
        let items = self
            .store
            .matter_queue(&place, &levels, QUEUE_LIMIT)
            .await?;
        let waiting = self.store.waiting_reports(&place, QUEUE_LIMIT).await?;
        let grids = if waiting.is_empty() {
            Vec::new()
        } else {
            self.store.grids_under(&place, GRID_CHOICES).await?
        };
        Ok(WorkQueue {
            place_name: self.store.place_name(&place).await?,
            handlers: self.store.handlers_under(&place).await?,
            place,
            levels,
            items,
            waiting,
            grids,
        })
    }

    /// The matters the actor reported or supports, open ones first.
    pub async fn mine(&self, actor: &Actor, limit: i64) -> Result<Vec<MatterSummary>> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        self.store.matters_of(viewer.id, limit).await
    }

    /// How many matters wait in the actor's work queue; `None` for people
    /// who have none (residents, visitors).
    pub async fn waiting(&self, actor: &Actor) -> Result<Option<u32>> {
        let Some((place, levels)) = actor.viewer().and_then(queue_scope) else {
            return Ok(None);
        };
        let n = self.store.matter_queue_count(&place, &levels).await?;
        Ok(Some(u32::try_from(n).unwrap_or(u32::MAX)))
    }

    /// Figures for everything under `place` (a district, street,
    /// community or grid code, already checked); public.
    pub async fn stats(&self, place: &str) -> Result<MatterStats> {
        let counts = self.store.matter_counts(place, self.clock.now()).await?;
        let count = |state: MatterState| {
            counts
                .by_state
                .iter()
                .find(|(s, _)| s == state.as_str())
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX))
        };
        let by_state: Vec<(MatterState, u32)> =
            MatterState::ALL.iter().map(|s| (*s, count(*s))).collect();
        let open: u32 = by_state
            .iter()
            .filter(|(s, _)| s.is_open())
            .map(|(_, n)| n)
            .sum();
        let closed = count(MatterState::Closed);
        // Fewer than the anonymity floor behind a figure: not published.
        let enough = |whole: u32| i64::from(whole) >= ANONYMITY_FLOOR;
        let share = |part: i64, whole: u32| enough(whole).then(|| part as f64 / f64::from(whole));
        let ratings: Vec<u32> = (1..=5)
            .map(|stars| {
                counts
                    .ratings
                    .iter()
                    .find(|(r, _)| *r == stars)
                    .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX))
            })
            .collect();
        let rated: u32 = ratings.iter().sum();
        let ratings = if enough(rated) { ratings } else { Vec::new() };
        let mean_rating = enough(rated).then(|| {
            ratings
                .iter()
                .zip(1..=5u32)
                .map(|(n, stars)| f64::from(n * stars))
                .sum::<f64>()
                / f64::from(rated)
        });
        let median_hours_to_close = Severity::ALL
            .iter()
            .map(|s| {
                let hours: Vec<(i64, i64)> = counts
                    .close_hours
                    .iter()
                    .filter(|(sev, ..)| sev == s.as_str())
                    .map(|(_, hours, n)| (*hours, *n))
                    .collect();
                let median =
                    accountability::median(&hours).map(|h| u32::try_from(h).unwrap_or(u32::MAX));
                (*s, median)
            })
            .collect();
        Ok(MatterStats {
            place: place.to_owned(),
            place_name: self.store.place_name(place).await?,
            open,
            closed,
            overdue_share: share(counts.overdue, open),
            settled_in_community_share: share(counts.settled_in_community, closed),
            by_state,
            median_hours_to_close,
            ratings,
            mean_rating,
            by_channel: by_channel(&counts.by_channel),
        })
    }

    /// The actor's inbox, newest first; reading it marks it read.
    pub async fn inbox(&self, actor: &Actor) -> Result<Vec<InboxItem>> {
        may(actor, &Action::ManageOwnAccount)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let items = self.store.inbox(viewer.id, INBOX_LIMIT).await?;
        if items.iter().any(|i| !i.read) {
            self.store
                .mark_inbox_read(viewer.id, self.clock.now())
                .await?;
        }
        Ok(items)
    }

    /// The deadline watch, one round: overdue matters go one level up
    /// (flagged; the district is the top), and resolved matters nobody
    /// rated in time close. Each change is a guarded write, so when
    /// several instances run the watch at once every matter moves once.
    /// Returns how many went up and how many closed.
    pub async fn watch_deadlines(&self) -> Result<(usize, usize)> {
        let now = self.clock.now();
        Ok((
            self.catch_up(Chore::Escalate, now).await?,
            self.catch_up(Chore::CloseUnrated, now).await?,
        ))
    }

    /// Does one chore in batches until nothing is due, so an instance back
    /// from hours offline catches up at once, not a batch a minute.
    async fn catch_up(&self, chore: Chore, now: Millis) -> Result<usize> {
        let mut done = 0;
        loop {
            let batch = match chore {
                Chore::Escalate => self.store.overdue_matters(now, WATCH_BATCH).await?,
                Chore::CloseUnrated => {
                    self.store
                        .stale_resolved(now - REOPEN_WINDOW, WATCH_BATCH)
                        .await?
                }
            };
            let mut moved = 0;
            for row in &batch {
                let step = match chore {
                    // At the top already, it is only flagged (the store
                    // returns such a matter once).
                    Chore::Escalate => Step::Escalate {
                        to: row.level()?.up().unwrap_or(Level::District),
                    },
                    Chore::CloseUnrated => Step::CloseUnrated,
                };
                match self.apply(row, &step, None).await {
                    Ok(_) => moved += 1,
                    Err(Error::Conflict(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            done += moved;
            // A short batch was the last. When another instance moved a
            // whole batch first, the rest is left to it.
            if batch.len() < WATCH_BATCH as usize || moved == 0 {
                return Ok(done);
            }
        }
    }
}

/// What the deadline watch does to matters that waited too long.
#[derive(Debug, Clone, Copy)]
enum Chore {
    Escalate,
    CloseUnrated,
}

/// Where a viewer's work queue looks, and at which levels: the highest
/// working grant decides (a grid worker's grid, community staff's
/// community, what escalated to a street or district officer).
pub(crate) fn queue_scope(viewer: &Viewer) -> Option<(String, Vec<Level>)> {
    let working = |r: Role| r == Role::GridWorker || r.staff_rank().is_some_and(|n| n >= 2);
    let grant = viewer
        .grants
        .iter()
        .filter(|g| working(g.role()))
        .max_by_key(|g| g.role().staff_rank())?;
    let levels = match grant.role() {
        Role::StreetOfficer => vec![Level::Street],
        Role::DistrictOfficer => vec![Level::District],
        _ => vec![Level::Community, Level::Street, Level::District],
    };
    Some((grant.scope().key(), levels))
}

/// Every channel a matter can come in by, with what came in by it; a
/// channel's ratings are published only above the anonymity floor.
fn by_channel(rows: &[(String, [i64; 4])]) -> Vec<ChannelRow> {
    Channel::ALL
        .into_iter()
        .filter(|c| *c != Channel::Paper)
        .map(|channel| {
            let [count, done, rated, sum] = rows
                .iter()
                .find(|r| r.0 == channel.as_str())
                .map_or([0; 4], |r| r.1);
            let (rated, rating_sum) = if rated >= ANONYMITY_FLOOR {
                (rated, sum)
            } else {
                (0, 0)
            };
            ChannelRow {
                channel,
                count,
                done,
                rated,
                rating_sum,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::title_similarity;

    #[test]
    fn similar_titles_score_high_in_chinese_and_english() {
        assert!(title_similarity("3幢门口路灯不亮", "3幢路灯不亮了") > 0.5);
        assert!(title_similarity("路灯坏了", "垃圾桶满了") < 0.2);
        assert!(title_similarity("Broken street light", "street light broken") > 0.5);
        assert_eq!(title_similarity("", "路灯"), 0.0);
    }
}
