//! Deliberations: the four steps a residents' council runs, and what
//! residents do at each. The model's state machine says which step may
//! follow; this module says who may take it, checks the windows against
//! the clock, and keeps the public timeline.

use std::sync::Arc;

use linli_model::{
    Page,
    account::{AccountId, FieldError, NoticeChannel, NoticeSettings, Viewer},
    deliberation::{
        AnonymousVote, ArrangementForm, BallotForm, DeliberationDetail, DeliberationForm,
        DeliberationInboxItem, DeliberationSummary, Disposition, EventKind, Facts, Method,
        MethodKind, MinutesForm, NOTICE_DAYS_DEFAULT, NOTICE_DAYS_MAX, NOTICE_DAYS_MIN, NewTopic,
        OBJECTION_MAX, Participants, PollForm, PollView, REASON_MAX, RecordView, STATEMENT_MAX,
        Stage, Step, StepError, TopicForm, TopicState, Vote, YourPlace, YourStand, short_text,
    },
    moderation::Participant,
    promise::Subject,
    tree::CommunityCode,
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::{Clock, DAY},
    opinion,
    policy::{Action, Actor, Denied, may},
    record::{self, Broken, Content},
    store::{DeliberationNote, DeliberationRow, NewRecord, PollRow, Turnout},
};

/// The field a ballot's form reports a closed poll beside.
fn ballot_field(method: &Method) -> &'static str {
    match method.kind() {
        MethodKind::Choice => "choice",
        MethodKind::Consent => "stance",
        MethodKind::Ranked => "ranks",
        MethodKind::Score => "scores",
        MethodKind::Dots => "dots",
        MethodKind::Budget => "approve",
        MethodKind::MeetingTime => "times",
    }
}

/// Deliberations a list page shows at once.
pub const PAGE_SIZE: usize = 20;
/// Statements one person may write in one consultation.
const STATEMENTS_PER_PERSON: usize = 20;
/// Topics one person may propose in one deliberation.
const TOPICS_PER_PERSON: usize = 5;
/// Notifications shown in the inbox.
const INBOX_LIMIT: i64 = 100;

/// Matters one cluster topic may name at most.
const CLUSTER_MAX: usize = 50;

#[derive(Debug, Clone)]
pub struct Deliberations<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    /// How people reach the site, for links in messages.
    pub site: &'a str,
}

/// Conflicts carry a short code that pages translate (`?error=` of a form
/// redirect); the page shows the dates and counts behind it.
fn step_error(e: StepError) -> Error {
    Error::Conflict(match e {
        StepError::Finished => "finished",
        StepError::NotNow => "not_now",
        StepError::WindowOpen(_) => "window_open",
        StepError::TopicsPending(_) => "topics_pending",
        StepError::NoTopicSelected => "no_topic_selected",
        StepError::NotArranged => "not_arranged",
        StepError::StartsBeforeNoticeEnds(earliest) => {
            return Error::invalid("starts_at", FieldError::NotBefore(earliest));
        }
        StepError::NoticeRunning(_) => "notice_running",
        StepError::ObjectionsOpen(_) => "objections_open",
        StepError::PollsOpen(_) => "polls_open",
        StepError::BlocksOpen(_) => "blocks_open",
        StepError::NoMinutes => "no_minutes",
    })
}

fn in_stage(row: &DeliberationRow, stage: Stage) -> Result<()> {
    if row.stage()? == stage {
        Ok(())
    } else {
        Err(Error::Conflict("wrong_step"))
    }
}

fn viewer(actor: &Actor) -> Result<&Viewer> {
    actor.viewer().ok_or(Error::Unauthenticated)
}

impl Deliberations<'_> {
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

    /// The council's right to act on this deliberation; refusals of
    /// signed-in people are audited.
    async fn runs(&self, actor: &Actor, row: &DeliberationRow, action: &str) -> Result<()> {
        let community = row.community()?;
        if let Err(denied) = may(actor, &Action::RunDeliberation(&community)) {
            if actor.viewer().is_some() {
                let target = format!("deliberation:{}", row.deliberation_id);
                self.audit(actor, action, target, &community, Outcome::Denied)
                    .await?;
            }
            return Err(denied.into());
        }
        Ok(())
    }

    /// Whether the actor is a verified resident among the participants.
    async fn takes_part(&self, actor: &Actor, row: &DeliberationRow) -> Result<()> {
        may(actor, &Action::VoteIn(&row.community()?))?;
        if let Participants::Grid(grid) = row.participants()? {
            let v = viewer(actor)?;
            if !self.store.verified_in_grid(v.id, grid.as_str()).await? {
                return Err(Denied::OutOfScope.into());
            }
        }
        Ok(())
    }

    fn note<'n>(
        &'n self,
        kind: EventKind,
        actor: &Actor,
        note: Option<&'n str>,
    ) -> DeliberationNote<'n> {
        DeliberationNote {
            kind,
            actor: actor.viewer().map(|v| v.id),
            note,
            at: self.clock.now(),
            site: self.site,
        }
    }

    /// Follows or stops following a deliberation: anyone signed in.
    pub async fn follow(&self, actor: &Actor, id: i64, on: bool) -> Result<()> {
        may(actor, &Action::ManageOwnAccount)?;
        let me = viewer(actor)?.id;
        self.store.deliberation_row(id).await?;
        if on {
            self.store.follow(id, me, self.clock.now()).await
        } else {
            self.store.unfollow(id, me).await
        }
    }

    /// How the actor hears of the deliberations they follow.
    pub async fn notice_settings(&self, actor: &Actor) -> Result<NoticeSettings> {
        may(actor, &Action::ManageOwnAccount)?;
        self.store.notice_settings(viewer(actor)?.id).await
    }

    /// One daily digest (on) or a message at every step (off), by email
    /// or SMS; SMS needs a mobile number on the account, email an address.
    pub async fn set_notice_settings(
        &self,
        actor: &Actor,
        daily: bool,
        channel: NoticeChannel,
    ) -> Result<()> {
        may(actor, &Action::ManageOwnAccount)?;
        let me = viewer(actor)?.id;
        let now = self.store.notice_settings(me).await?;
        let reachable = match channel {
            NoticeChannel::Email => now.has_email,
            NoticeChannel::Sms => now.has_phone,
        };
        if !reachable {
            return Err(Error::invalid("channel", FieldError::NotAChoice));
        }
        self.store.set_notice_settings(me, daily, channel).await
    }

    /// The actor's deliberation notifications, newest first; reading them
    /// marks them read.
    pub async fn inbox(&self, actor: &Actor) -> Result<Vec<DeliberationInboxItem>> {
        may(actor, &Action::ManageOwnAccount)?;
        let me = viewer(actor)?.id;
        let items = self.store.deliberation_inbox(me, INBOX_LIMIT).await?;
        if items.iter().any(|i| !i.read) {
            self.store
                .mark_deliberation_inbox_read(me, self.clock.now())
                .await?;
        }
        Ok(items)
    }

    /// Saves a council change, audited; a concurrent change wins and this
    /// one is refused rather than lost silently.
    async fn save(
        &self,
        actor: &Actor,
        row: &DeliberationRow,
        note: &DeliberationNote<'_>,
        record: Option<&NewRecord>,
    ) -> Result<()> {
        if !self.store.save_deliberation(row, note, record).await? {
            return Err(Error::Conflict("changed_meanwhile"));
        }
        self.audit(
            actor,
            &format!("deliberation.{}", note.kind.as_str()),
            format!("deliberation:{}", row.deliberation_id),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// The community's notice period in days.
    pub async fn notice_days(&self, community: &CommunityCode) -> Result<u32> {
        Ok(self
            .store
            .notice_days(community)
            .await?
            .unwrap_or(NOTICE_DAYS_DEFAULT))
    }

    /// Sets the community's notice period: staff over it, 3 to 60 days.
    pub async fn set_notice_days(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        days: &str,
    ) -> Result<u32> {
        may(actor, &Action::ConfigureCommunity(community))?;
        let days = days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (NOTICE_DAYS_MIN..=NOTICE_DAYS_MAX).contains(d))
            .ok_or_else(|| {
                Error::invalid(
                    "notice_days",
                    FieldError::NumberRange(NOTICE_DAYS_MIN as usize, NOTICE_DAYS_MAX as usize),
                )
            })?;
        self.store.save_notice_days(community, days).await?;
        self.audit(
            actor,
            "community.notice_days",
            format!("community:{community}"),
            community,
            Outcome::Ok,
        )
        .await?;
        Ok(days)
    }

    /// Opens a deliberation with its collection window.
    pub async fn start(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        form: &DeliberationForm,
    ) -> Result<i64> {
        if let Err(denied) = may(actor, &Action::RunDeliberation(community)) {
            if actor.viewer().is_some() {
                let target = format!("community:{community}");
                self.audit(
                    actor,
                    "deliberation.created",
                    target,
                    community,
                    Outcome::Denied,
                )
                .await?;
            }
            return Err(denied.into());
        }
        let now = self.clock.now();
        let new = form.parse(community, now).map_err(Error::Invalid)?;
        let days = self.notice_days(community).await?;
        let id = self
            .store
            .insert_deliberation(&new, days, viewer(actor)?.id, now)
            .await?;
        self.audit(
            actor,
            "deliberation.created",
            format!("deliberation:{id}"),
            community,
            Outcome::Ok,
        )
        .await?;
        Ok(id)
    }

    /// Deliberations of a place (a district, street or community code, or
    /// everywhere when empty), newest first.
    pub async fn list(
        &self,
        place: &str,
        stage: Option<Stage>,
        before: Option<i64>,
    ) -> Result<Page<DeliberationSummary>> {
        self.store
            .deliberations(place, stage, before, PAGE_SIZE)
            .await
    }

    /// Consultations of a place still to come or under way, soonest first.
    pub async fn upcoming(&self, place: &str) -> Result<Vec<DeliberationSummary>> {
        let today = self.clock.now() - self.clock.now().rem_euclid(DAY);
        self.store.upcoming_consultations(place, today, 100).await
    }

    /// Everything the deliberation's page shows, for this viewer.
    pub async fn detail(&self, actor: &Actor, id: i64) -> Result<DeliberationDetail> {
        let row = self.store.deliberation_row(id).await?;
        let community = row.community()?;
        let me = actor.viewer().map(|v| v.id);
        let now = self.clock.now();
        let runs_it = may(actor, &Action::RunDeliberation(&community)).is_ok();
        let counts_paper = may(actor, &Action::AssistResidentOf(&community)).is_ok();
        let mut polls = Vec::new();
        for p in self.store.poll_rows(id).await? {
            polls.push(
                self.poll_view(&p, now, me, runs_it, runs_it || counts_paper)
                    .await?,
            );
        }
        let you = YourPlace {
            signed_in: me.is_some(),
            following: match me {
                Some(me) => self.store.follows(id, me).await?,
                None => false,
            },
            runs_it,
            takes_part: me.is_some() && self.takes_part(actor, &row).await.is_ok(),
            counts_paper,
        };
        Ok(DeliberationDetail {
            summary: self.store.deliberation_summary(id).await?,
            description: row.description.clone(),
            notice_days: u32::try_from(row.notice_days).unwrap_or(NOTICE_DAYS_DEFAULT),
            notice_published_at: row.notice_published_at,
            arrangement: row.arrangement()?,
            topics: self.store.topics(id, me).await?,
            objections: self.store.objections(id).await?,
            statements: self.store.statements(id, me).await?,
            polls,
            minutes: row.minutes(),
            timeline: self.store.deliberation_timeline(id).await?,
            record: self.store.records(id).await?.pop(),
            implementation: row.implementation.clone(),
            you,
        })
    }

    /// Proposes a topic while the collection window is open: verified
    /// residents of the community.
    pub async fn propose(&self, actor: &Actor, id: i64, form: &TopicForm) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.takes_part(actor, &row).await?;
        self.collecting(&row)?;
        let topic = form.parse().map_err(Error::Invalid)?;
        let me = viewer(actor)?.id;
        if self.store.topics_by(id, me).await? >= TOPICS_PER_PERSON {
            return Err(Error::invalid(
                "title",
                FieldError::LimitReached(TOPICS_PER_PERSON),
            ));
        }
        self.store
            .insert_topic(id, (me, actor.via()), &topic, &[], None, self.clock.now())
            .await
    }

    fn collecting(&self, row: &DeliberationRow) -> Result<()> {
        if !row.stage()?.collects() || self.clock.now() >= row.collect_until {
            return Err(Error::invalid("title", FieldError::WindowClosed));
        }
        Ok(())
    }

    /// Supports a topic once, while topics are collected.
    pub async fn support(&self, actor: &Actor, topic: i64) -> Result<bool> {
        let t = self.store.topic_row(topic).await?;
        let row = self.store.deliberation_row(t.deliberation_id).await?;
        self.takes_part(actor, &row).await?;
        self.collecting(&row)?;
        let added = self
            .store
            .support_topic(topic, viewer(actor)?.id, actor.via(), self.clock.now())
            .await?;
        if added {
            self.promises().supported(Subject::Topic, topic).await?;
        }
        Ok(added)
    }

    fn tracker(&self) -> crate::tracker::Tracker<'_> {
        crate::tracker::Tracker {
            store: self.store,
            clock: self.clock,
        }
    }

    fn promises(&self) -> crate::promises::Promises<'_> {
        crate::promises::Promises {
            store: self.store,
            clock: self.clock,
        }
    }

    /// Makes a much-supported matter of the community into a topic; the
    /// topic links to the matter and the matter's page lists the topic.
    pub async fn promote_matter(&self, actor: &Actor, id: i64, matter: i64) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.matter_promoted")
            .await?;
        self.collecting(&row)?;
        let m = self
            .store
            .matter_row(matter)
            .await
            .map_err(|_| Error::invalid("matter", FieldError::NotAChoice))?;
        if m.community_code != row.community_code {
            return Err(Error::invalid("matter", FieldError::NotInCommunity));
        }
        let topic = NewTopic {
            title: m.title.chars().take(60).collect(),
            description: m.description.clone(),
            why: format!("#{} · {}", m.matter_id, m.support_count),
        };
        self.topic_from_matters(
            actor,
            &row,
            &topic,
            &[matter],
            "deliberation.matter_promoted",
        )
        .await
    }

    /// Proposes a cluster of similar matters (same category and grid, as
    /// the recurring list groups them) as one topic of a collecting
    /// deliberation. The most supported matter names the topic; every
    /// matter links to it, and it lists them all.
    pub async fn propose_cluster(&self, actor: &Actor, id: i64, matters: &[i64]) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.cluster_proposed")
            .await?;
        self.collecting(&row)?;
        let mut ids = matters.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if !(linli_model::recurring::MIN_CLUSTER..=CLUSTER_MAX).contains(&ids.len()) {
            return Err(Error::invalid(
                "matters",
                FieldError::NumberRange(linli_model::recurring::MIN_CLUSTER, CLUSTER_MAX),
            ));
        }
        let mut rows = Vec::with_capacity(ids.len());
        for m in &ids {
            let m = self
                .store
                .matter_row(*m)
                .await
                .map_err(|_| Error::invalid("matters", FieldError::NotAChoice))?;
            if m.community_code != row.community_code {
                return Err(Error::invalid("matters", FieldError::NotInCommunity));
            }
            rows.push(m);
        }
        let first = &rows[0];
        if rows
            .iter()
            .any(|m| m.grid_code != first.grid_code || m.category_code != first.category_code)
        {
            return Err(Error::invalid("matters", FieldError::NotAChoice));
        }
        rows.sort_by_key(|m| (std::cmp::Reverse(m.support_count), m.matter_id));
        let lead = &rows[0];
        let listed: Vec<String> = rows
            .iter()
            .map(|m| format!("#{} {}", m.matter_id, m.title))
            .collect();
        let topic = NewTopic {
            title: lead.title.chars().take(60).collect(),
            description: format!(
                "{}\n\n同一网格同类事项 {} 件 / {} similar matters in one grid:\n{}",
                lead.description,
                rows.len(),
                rows.len(),
                listed.join("\n"),
            ),
            why: format!(
                "反复出现的问题 / A recurring trouble: {}",
                rows.iter()
                    .map(|m| format!("#{}", m.matter_id))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        let linked: Vec<i64> = rows.iter().map(|m| m.matter_id).collect();
        self.topic_from_matters(
            actor,
            &row,
            &topic,
            &linked,
            "deliberation.cluster_proposed",
        )
        .await
    }

    /// Inserts a topic made from `matters` (the first names it), linked to
    /// each once per deliberation, audited as `action`; a matter its
    /// supporters were promised an agenda for is on it now.
    async fn topic_from_matters(
        &self,
        actor: &Actor,
        row: &DeliberationRow,
        topic: &NewTopic,
        matters: &[i64],
        action: &str,
    ) -> Result<i64> {
        let id = row.deliberation_id;
        let marker = matters
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let note = self.note(EventKind::MatterPromoted, actor, Some(&marker));
        let topic_id = self
            .store
            .insert_topic(
                id,
                (viewer(actor)?.id, actor.via()),
                topic,
                matters,
                Some(&note),
                note.at,
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    Error::Conflict("matter_is_topic")
                } else {
                    e
                }
            })?;
        self.audit(
            actor,
            action,
            format!("deliberation:{id}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await?;
        let agenda = format!("#{topic_id} {}", topic.title);
        for m in matters {
            self.store
                .subject_on_agenda(Subject::Matter, *m, &agenda, self.clock.now())
                .await?;
        }
        Ok(topic_id)
    }

    /// The matters a topic was made from: (matter, title).
    pub async fn matters_of_topic(&self, topic: i64) -> Result<Vec<(i64, String)>> {
        self.store.matters_of_topic(topic).await
    }

    /// Topics made from a matter: (deliberation, topic, title).
    pub async fn topics_of_matter(&self, matter: i64) -> Result<Vec<(i64, i64, String)>> {
        self.store.topics_of_matter(matter).await
    }

    /// Selects, merges or declines a topic, with the public reason.
    pub async fn decide_topic(&self, actor: &Actor, topic: i64, d: &Disposition) -> Result<()> {
        let t = self.store.topic_row(topic).await?;
        let row = self.store.deliberation_row(t.deliberation_id).await?;
        self.runs(actor, &row, "deliberation.topic_decided").await?;
        in_stage(&row, Stage::Deciding)?;
        let into = match d {
            Disposition::Merge { into, .. } => {
                let target = self
                    .store
                    .topic_row(*into)
                    .await
                    .map_err(|_| Error::invalid("into", FieldError::NotAChoice))?;
                let usable = matches!(
                    TopicState::parse(&target.state),
                    Some(TopicState::Proposed | TopicState::Selected)
                );
                if target.deliberation_id != t.deliberation_id || *into == topic || !usable {
                    return Err(Error::invalid("into", FieldError::NotAChoice));
                }
                Some(*into)
            }
            _ => None,
        };
        let kind = match d.state() {
            TopicState::Selected => EventKind::TopicSelected,
            TopicState::Merged => EventKind::TopicMerged,
            _ => EventKind::TopicDeclined,
        };
        let text = format!("#{topic} · {}", d.reason());
        let note = self.note(kind, actor, Some(&text));
        if !self
            .store
            .decide_topic(&t, d.state(), d.reason(), into, &note)
            .await?
        {
            return Err(Error::Conflict("topic_decided"));
        }
        // Deciding a topic is taking it up: the council had it on its agenda.
        self.store
            .subject_on_agenda(Subject::Topic, topic, &text, self.clock.now())
            .await?;
        self.audit(
            actor,
            "deliberation.topic_decided",
            format!("topic:{topic}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// Sets how, when and where the consultation happens, and who takes
    /// part; while deciding.
    pub async fn arrange(&self, actor: &Actor, id: i64, form: &ArrangementForm) -> Result<()> {
        let mut row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.arranged").await?;
        in_stage(&row, Stage::Deciding)?;
        let arrangement = form
            .parse(&row.community()?, self.clock.now())
            .map_err(Error::Invalid)?;
        if let Participants::Grid(grid) = &arrangement.participants
            && matches!(self.store.place_names(grid).await, Err(Error::NotFound))
        {
            return Err(Error::invalid("participants", FieldError::NotInCommunity));
        }
        row.set_arrangement(&arrangement);
        let note = self.note(EventKind::Arranged, actor, None);
        self.save(actor, &row, &note, None).await
    }

    /// Moves the end of topic collection, earlier or later, while topics
    /// are collected; the new date is on the public timeline.
    pub async fn change_window(&self, actor: &Actor, id: i64, until: &str) -> Result<()> {
        let mut row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.window_changed")
            .await?;
        in_stage(&row, Stage::Collecting)?;
        row.collect_until = linli_model::deliberation::collect_until(until, self.clock.now())
            .map_err(|e| Error::invalid("collect_until", e))?;
        let when = linli_model::time::beijing_local(row.collect_until).replace('T', " ");
        let note = self.note(EventKind::WindowChanged, actor, Some(&when));
        self.save(actor, &row, &note, None).await
    }

    /// Moves the deliberation on by one step of the procedure.
    pub async fn step(&self, actor: &Actor, id: i64, step: &Step) -> Result<Stage> {
        let mut row = self.store.deliberation_row(id).await?;
        let kind = match step {
            Step::CloseCollection => EventKind::CollectionClosed,
            Step::PublishNotice => EventKind::NoticePublished,
            Step::OpenConsultation => EventKind::ConsultationOpened,
            Step::Decide => EventKind::Decided,
            Step::Cancel { .. } => EventKind::Cancelled,
        };
        self.runs(actor, &row, &format!("deliberation.{}", kind.as_str()))
            .await?;
        let now = self.clock.now();
        let counts = self.store.deliberation_counts(id, now).await?;
        let facts = Facts {
            now,
            collect_until: row.collect_until,
            notice_days: u32::try_from(row.notice_days).unwrap_or(NOTICE_DAYS_DEFAULT),
            notice_ends_at: row.notice_ends_at,
            starts_at: row.starts_at,
            topics_pending: counts.topics_pending,
            topics_selected: counts.topics_selected,
            objections_open: counts.objections_open,
            polls_open: counts.polls_open,
            blocks_open: counts.blocks_open,
            minutes: row.minutes().is_some(),
        };
        let next = row.stage()?.after(step, &facts).map_err(step_error)?;
        row.stage = next.as_str().to_owned();
        if *step == Step::PublishNotice {
            row.notice_published_at = Some(now);
            row.notice_ends_at = Some(now + i64::from(facts.notice_days) * DAY);
        }
        let reason = match step {
            Step::Cancel { reason } => Some(reason.as_str()),
            _ => None,
        };
        let record = if next == Stage::Decided {
            Some(self.record(&row, 1, None, None).await?)
        } else {
            None
        };
        let note = self.note(kind, actor, reason);
        self.save(actor, &row, &note, record.as_ref()).await?;
        if next == Stage::Decided {
            self.tracker().deliberation_decided(id).await?;
        }
        Ok(next)
    }

    /// Builds a record version of the deliberation as it now stands.
    async fn record(
        &self,
        row: &DeliberationRow,
        version: u32,
        previous: Option<&str>,
        amendment: Option<&str>,
    ) -> Result<NewRecord> {
        let id = row.deliberation_id;
        let minutes = row.minutes().ok_or(Error::Conflict("no_minutes"))?;
        let topics = self.store.topics(id, None).await?;
        let objections = self.store.objections(id).await?;
        let statements = self.store.statements(id, None).await?;
        let now = self.clock.now();
        let mut polls: Vec<PollView> = Vec::new();
        for p in self.store.poll_rows(id).await? {
            polls.push(self.poll_view(&p, now, None, false, false).await?);
        }
        let arrangement = row.arrangement()?;
        let content = Content {
            format: record::FORMAT,
            deliberation: id,
            community: &row.community_code,
            title: &row.title,
            version,
            previous,
            published_at: linli_model::time::w3c(now),
            amendment,
            topics: Content::topic_lines(&topics),
            arrangement: arrangement.as_ref(),
            notice_published_at: row.notice_published_at.map(linli_model::time::w3c),
            objections: Content::objection_lines(&objections),
            statements: Content::statement_lines(&statements),
            polls: Content::poll_lines(&polls),
            minutes: &minutes,
        }
        .text();
        Ok(NewRecord {
            version,
            fingerprint: record::fingerprint(&content),
            content,
        })
    }

    /// Every published version of the decision record, oldest first, and
    /// whether the chain checks out.
    pub async fn records(&self, id: i64) -> Result<(Vec<RecordView>, Result<(), Broken>)> {
        self.store.deliberation_row(id).await?;
        let versions = self.store.records(id).await?;
        let check = record::verify(&versions);
        Ok((versions, check))
    }

    /// Corrects a published decision: new minutes and the reason make a
    /// new version that names the previous one's fingerprint.
    pub async fn amend(
        &self,
        actor: &Actor,
        id: i64,
        form: &MinutesForm,
        reason: &str,
    ) -> Result<u32> {
        let mut row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.record_amended")
            .await?;
        in_stage(&row, Stage::Decided)?;
        let reason =
            short_text(reason, 1000).map_err(|_| Error::invalid("reason", FieldError::Required))?;
        let minutes = form.parse().map_err(Error::Invalid)?;
        row.set_minutes(&minutes);
        let versions = self.store.records(id).await?;
        let last = versions.last().ok_or(Error::NotFound)?;
        let record = self
            .record(
                &row,
                last.version + 1,
                Some(&last.fingerprint),
                Some(&reason),
            )
            .await?;
        let note = self.note(EventKind::RecordAmended, actor, Some(&reason));
        self.save(actor, &row, &note, Some(&record)).await?;
        Ok(record.version)
    }

    /// Marks a decision to be carried out as a project; the note names it
    /// until the projects list links it.
    pub async fn mark_for_implementation(
        &self,
        actor: &Actor,
        id: i64,
        project: &str,
    ) -> Result<()> {
        let mut row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.marked_for_implementation")
            .await?;
        in_stage(&row, Stage::Decided)?;
        let project = short_text(project, 200)
            .map_err(|_| Error::invalid("project", FieldError::Required))?;
        row.implementation = Some(project.clone());
        let note = self.note(EventKind::MarkedForImplementation, actor, Some(&project));
        self.save(actor, &row, &note, None).await
    }

    /// An objection or a question on the notice, while it is public.
    pub async fn object(&self, actor: &Actor, id: i64, body: &str) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.takes_part(actor, &row).await?;
        in_stage(&row, Stage::Notice)?;
        let body = short_text(body, OBJECTION_MAX).map_err(Error::Invalid)?;
        self.store
            .insert_objection(id, viewer(actor)?.id, &body, self.clock.now())
            .await
    }

    /// The council's answer to an objection, once.
    pub async fn answer(&self, actor: &Actor, objection: i64, answer: &str) -> Result<()> {
        let id = self.store.objection_deliberation(objection).await?;
        let row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.objection_answered")
            .await?;
        in_stage(&row, Stage::Notice)?;
        let answer = short_text(answer, OBJECTION_MAX).map_err(Error::Invalid)?;
        let note = self.note(EventKind::ObjectionAnswered, actor, None);
        if !self
            .store
            .answer_objection(objection, id, &answer, &note)
            .await?
        {
            return Err(Error::Conflict("objection_answered"));
        }
        self.audit(
            actor,
            "deliberation.objection_answered",
            format!("objection:{objection}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// A participant's statement; their own vote on it is "agree".
    pub async fn add_statement(&self, actor: &Actor, id: i64, body: &str) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.takes_part(actor, &row).await?;
        in_stage(&row, Stage::Consultation)?;
        let body = short_text(body, STATEMENT_MAX).map_err(Error::Invalid)?;
        let me = viewer(actor)?.id;
        if self.store.statements_by(id, me).await? >= STATEMENTS_PER_PERSON {
            return Err(Error::invalid(
                "body",
                FieldError::LimitReached(STATEMENTS_PER_PERSON),
            ));
        }
        let now = self.clock.now();
        let statement = self.store.insert_statement(id, me, &body, now).await?;
        // Authors agree with what they write, unless their votes no longer
        // count here.
        if !self.store.participant_removed(id, me).await? {
            self.store
                .vote_statement(statement, id, me, Vote::Agree, now)
                .await?;
        }
        Ok(statement)
    }

    /// Agree, disagree or pass; changeable while the consultation runs.
    pub async fn vote(&self, actor: &Actor, statement: i64, vote: Vote) -> Result<()> {
        let (id, hidden) = self.store.statement_place(statement).await?;
        let row = self.store.deliberation_row(id).await?;
        self.takes_part(actor, &row).await?;
        in_stage(&row, Stage::Consultation)?;
        if hidden {
            return Err(Error::NotFound);
        }
        let me = viewer(actor)?.id;
        if self.store.participant_removed(id, me).await? {
            return Err(Error::Conflict("participant_removed"));
        }
        self.store
            .vote_statement(statement, id, me, vote, self.clock.now())
            .await
    }

    /// Puts a decision poll, its quorum and rule stated from the start.
    pub async fn put_poll(&self, actor: &Actor, id: i64, form: &PollForm) -> Result<i64> {
        let row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.poll_put").await?;
        in_stage(&row, Stage::Consultation)?;
        let poll = form.parse(self.clock.now()).map_err(Error::Invalid)?;
        let note = self.note(EventKind::PollPut, actor, Some(&poll.question));
        let poll_id = self.store.insert_poll(id, &poll, &note).await?;
        self.audit(
            actor,
            "deliberation.poll_put",
            format!("poll:{poll_id}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await?;
        Ok(poll_id)
    }

    /// A poll as `me` sees it: the count once closed; a consent poll's
    /// blocks to the council at once (they must answer them), to everyone
    /// once closed.
    async fn poll_view(
        &self,
        p: &PollRow,
        now: i64,
        me: Option<AccountId>,
        runs_it: bool,
        sees_sheets: bool,
    ) -> Result<PollView> {
        let closed = p.closed(now);
        let ballots = if closed {
            Some(self.store.ballots(p.poll_id).await?)
        } else {
            None
        };
        let yours = match me {
            Some(me) => self.store.ballot_of(p.poll_id, me).await?,
            None => None,
        };
        let blocks = if p.method == MethodKind::Consent.as_str() && (closed || runs_it) {
            self.store.blocks(p.poll_id).await?
        } else {
            Vec::new()
        };
        let turnout = Turnout {
            by_channel: self.store.ballots_by_channel(p.poll_id).await?,
            sheets: if p.method == MethodKind::Choice.as_str() {
                self.store.tally_sheets(p.poll_id).await?
            } else {
                Vec::new()
            },
            show_sheet_counts: sees_sheets,
        };
        p.view(now, ballots, yours, blocks, turnout)
    }

    /// Casts or changes a ballot until the poll closes: verified residents
    /// among the participants, one ballot each, checked against the poll's
    /// method (a block needs its reason).
    pub async fn cast(&self, actor: &Actor, poll: i64, form: &BallotForm) -> Result<()> {
        let p = self.store.poll_row(poll).await?;
        let row = self.store.deliberation_row(p.deliberation_id).await?;
        self.takes_part(actor, &row).await?;
        in_stage(&row, Stage::Consultation)?;
        let method = p.method()?;
        let ballot = form
            .parse(&method, p.options().len())
            .map_err(Error::Invalid)?;
        if !self
            .store
            .cast_ballot(
                poll,
                viewer(actor)?.id,
                actor.via(),
                &ballot,
                self.clock.now(),
            )
            .await?
        {
            return Err(Error::invalid(
                ballot_field(&method),
                FieldError::WindowClosed,
            ));
        }
        Ok(())
    }

    /// The council answers a block in writing, once; the decision cannot
    /// be recorded while a block is unanswered.
    pub async fn answer_block(&self, actor: &Actor, ballot: i64, answer: &str) -> Result<()> {
        let poll = self.store.poll_of_block(ballot).await?;
        let p = self.store.poll_row(poll).await?;
        let row = self.store.deliberation_row(p.deliberation_id).await?;
        self.runs(actor, &row, "deliberation.block_answered")
            .await?;
        in_stage(&row, Stage::Consultation)?;
        let answer = linli_model::account::text(answer, 10, REASON_MAX, true)
            .map_err(|e| Error::invalid("answer", e))?;
        if !self
            .store
            .answer_block(ballot, &answer, viewer(actor)?.id, self.clock.now())
            .await?
        {
            return Err(Error::Conflict("answered"));
        }
        self.audit(
            actor,
            "deliberation.block_answered",
            format!("ballot:{ballot}"),
            &row.community()?,
            Outcome::Ok,
        )
        .await
    }

    /// The statements of a deliberation as the public sees them (a hidden
    /// one keeps its line, not its text).
    pub async fn statements(
        &self,
        id: i64,
    ) -> Result<Vec<linli_model::deliberation::StatementView>> {
        self.store.deliberation_row(id).await?;
        self.store.statements(id, None).await
    }

    /// The votes that count on visible statements, each participant under
    /// a pseudonym (`store::pseudonym`). Ordered by statement, then
    /// pseudonym (not by time, which would tell who voted when).
    pub async fn vote_matrix(&self, id: i64) -> Result<Vec<AnonymousVote>> {
        self.store.deliberation_row(id).await?;
        let salt = export_salt(self.store, id).await?;
        let mut rows: Vec<AnonymousVote> = self
            .store
            .statement_votes(id)
            .await?
            .into_iter()
            .map(|(account, statement, vote)| AnonymousVote {
                participant: crate::store::pseudonym(&salt, account),
                statement,
                vote,
            })
            .collect();
        rows.sort_by(|a, b| (a.statement, &a.participant).cmp(&(b.statement, &b.participant)));
        Ok(rows)
    }

    /// Where the reader stands among the opinion groups, once they have
    /// voted on enough statements to be placed.
    pub async fn stand(&self, actor: &Actor, id: i64) -> Result<Option<YourStand>> {
        let Some(me) = actor.viewer().map(|v| v.id) else {
            return Ok(None);
        };
        Ok(self.opinion_map(id).await?.clustering.stand(me.0))
    }

    /// Records or replaces the minutes during the consultation.
    pub async fn record_minutes(&self, actor: &Actor, id: i64, form: &MinutesForm) -> Result<()> {
        let mut row = self.store.deliberation_row(id).await?;
        self.runs(actor, &row, "deliberation.minutes_recorded")
            .await?;
        in_stage(&row, Stage::Consultation)?;
        let minutes = form.parse().map_err(Error::Invalid)?;
        row.set_minutes(&minutes);
        let note = self.note(EventKind::MinutesRecorded, actor, None);
        self.save(actor, &row, &note, None).await
    }

    /// The opinion groups from the votes so far, recomputed only when a
    /// vote has arrived since the last time.
    pub async fn opinion_map(&self, id: i64) -> Result<Arc<opinion::Opinion>> {
        let seq = self.store.vote_seq(id).await?;
        if let Some(map) = self.store.opinion_cached(id, seq) {
            return Ok(map);
        }
        let votes = self.store.statement_votes(id).await?;
        let map =
            tokio::task::spawn_blocking(move || opinion::Opinion::from(opinion::cluster(&votes)))
                .await
                .map_err(|e| Error::Internal(anyhow::anyhow!("opinion groups: {e}")))?;
        let map = Arc::new(map);
        self.store.cache_opinion(id, seq, map.clone());
        Ok(map)
    }
}

/// A deliberation's export secret, made on first use.
async fn export_salt(store: &Store, id: i64) -> Result<String> {
    use rand_core::{OsRng, RngCore};
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    store.export_salt(id, &hex::encode(fresh)).await
}

/// `account` as a participant of the deliberation, as the vote matrix
/// names them; `None` when they have not voted there.
pub(crate) async fn participant_of(
    store: &Store,
    id: i64,
    account: AccountId,
) -> Result<Option<Participant>> {
    if !store.has_voted(id, account).await? {
        return Ok(None);
    }
    let salt = export_salt(store, id).await?;
    Ok(Some(Participant {
        deliberation: id,
        pseudonym: crate::store::pseudonym(&salt, account.0),
    }))
}
