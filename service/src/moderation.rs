//! Moderation in the open: reports by anyone signed in; hide and restore
//! by the community's council or staff, each with a public reason; the
//! public log of those decisions; and, for staff, who reports much and
//! whose writing is often hidden. Every step is audited.

use linli_model::{
    account::FieldError,
    moderation::{
        AuthorFigures, Content, Decision, ItemView, ModerationDesk, ModerationLog, ReasonCount,
        ReportForm, ReporterFigures, parse_public_reason,
    },
    role::{Denied, Role, Scope},
    tree::CommunityCode,
};

use crate::{
    Error, Result, Store,
    audit::{AuditEntry, Outcome},
    clock::{Clock, Millis},
    policy::{Action, Actor, may, moderating_role},
    store::{Facts, NewDecision},
};

/// Reports one person may make in a day: enough for a bad evening in a
/// busy consultation, too few to bury a community's moderators.
pub const REPORTS_PER_DAY: i64 = 30;
/// Lines of the public log per page.
pub const LOG_PAGE: i64 = 30;
/// Items on the desk's queue, and people in each of its tables.
const DESK_ROWS: usize = 50;
const DAY: Millis = 24 * 60 * 60 * 1000;

/// Whether a photo may be served, and how it may be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoAccess {
    /// Shown: anyone, and caches may keep it.
    Public,
    /// Hidden, asked for by one of its moderators: never kept.
    ModeratorOnly,
    /// Hidden: as if it did not exist.
    Refused,
}

pub struct Moderation<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Moderation<'_> {
    async fn facts(&self, content: &Content) -> Result<(Facts, CommunityCode)> {
        let facts = self.store.content_facts(content).await?;
        let community = CommunityCode::parse(&facts.community)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored community code: {e}")))?;
        Ok((facts, community))
    }

    fn entry(&self, actor: &Actor, action: &str, content: &Content, scope: &str) -> AuditEntry {
        AuditEntry::by(
            actor,
            action,
            content.to_string(),
            scope.to_owned(),
            Outcome::Ok,
            self.clock.now(),
        )
    }

    /// `actor`'s role as moderator of the item's community; a refusal is
    /// audited.
    async fn moderator(
        &self,
        actor: &Actor,
        action: &str,
        content: &Content,
        community: &CommunityCode,
    ) -> Result<Role> {
        if let Err(denied) = may(actor, &Action::Moderate(community)) {
            if actor.viewer().is_some() {
                self.store
                    .audit_in_community(
                        actor,
                        action,
                        content.to_string(),
                        community,
                        Outcome::Denied,
                        self.clock.now(),
                    )
                    .await?;
            }
            return Err(denied.into());
        }
        moderating_role(actor, community).ok_or(Error::Denied(Denied::NotPermitted))
    }

    /// The item's report page: what it is, its state and last decision;
    /// moderators also see what a hidden item said and the open reports.
    pub async fn item(&self, actor: &Actor, content: &Content) -> Result<ItemView> {
        let (facts, community) = self.facts(content).await?;
        let may_moderate = may(actor, &Action::Moderate(&community)).is_ok();
        let me = actor.viewer().map(|v| v.id);
        let reported_by_you = match me {
            Some(me) => self.store.reported_by(content, me).await?,
            None => false,
        };
        let (text, open_reports) = if may_moderate {
            let text = if facts.hidden {
                self.store.withheld_text(content).await?.unwrap_or_default()
            } else {
                facts.text.clone()
            };
            let open = self
                .store
                .open_reasons(content)
                .await?
                .into_iter()
                .map(|(reason, count)| ReasonCount { reason, count })
                .collect();
            (text, open)
        } else {
            (facts.text.clone(), Vec::new())
        };
        let photo = match content {
            Content::Photo(p) if !facts.hidden || may_moderate => Some(p.thumb_url()),
            _ => None,
        };
        let written_in_deliberation = matches!(
            content,
            Content::Statement(_) | Content::Topic(_) | Content::Objection(_)
        );
        let author_as_participant = match (may_moderate, facts.deliberation, facts.author) {
            (true, Some(id), Some(author)) if written_in_deliberation => {
                crate::deliberations::participant_of(self.store, id, author)
                    .await?
                    .map(Content::Participant)
            }
            _ => None,
        };
        Ok(ItemView {
            content: content.clone(),
            community: facts.community,
            href: facts.href,
            hidden: facts.hidden,
            text,
            photo,
            last: self.store.last_decision(content).await?,
            signed_in: me.is_some(),
            reported_by_you,
            may_moderate,
            open_reports,
            author_as_participant,
        })
    }

    /// Who may see a photo: anyone while it is shown, its moderators
    /// alone once hidden.
    pub async fn photo_access(
        &self,
        actor: &Actor,
        photo: &linli_model::matter::PhotoId,
    ) -> Result<PhotoAccess> {
        if !self.store.photo_hidden(photo).await? {
            return Ok(PhotoAccess::Public);
        }
        let (_, community) = self.facts(&Content::Photo(photo.clone())).await?;
        Ok(match may(actor, &Action::Moderate(&community)) {
            Ok(()) => PhotoAccess::ModeratorOnly,
            Err(_) => PhotoAccess::Refused,
        })
    }

    /// Anyone signed in reports an item once, with a reason.
    pub async fn report(&self, actor: &Actor, content: &Content, form: &ReportForm) -> Result<()> {
        may(actor, &Action::Report)?;
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let report = form.parse().map_err(Error::Invalid)?;
        let (facts, _) = self.facts(content).await?;
        if facts.hidden {
            return Err(Error::Conflict("hidden_already"));
        }
        let now = self.clock.now();
        if self.store.reports_since(me, now - DAY).await? >= REPORTS_PER_DAY {
            return Err(Error::invalid(
                "reason",
                FieldError::LimitReached(REPORTS_PER_DAY as usize),
            ));
        }
        let audit = self.entry(actor, "moderation.reported", content, &facts.community);
        if !self
            .store
            .insert_report(&facts.community, content, me, &report, &audit)
            .await?
        {
            return Err(Error::Conflict("reported_already"));
        }
        Ok(())
    }

    pub async fn hide(&self, actor: &Actor, content: &Content, reason: &str) -> Result<()> {
        self.decide(actor, content, Decision::Hidden, reason).await
    }

    pub async fn restore(&self, actor: &Actor, content: &Content, reason: &str) -> Result<()> {
        self.decide(actor, content, Decision::Restored, reason)
            .await
    }

    async fn decide(
        &self,
        actor: &Actor,
        content: &Content,
        decision: Decision,
        reason: &str,
    ) -> Result<()> {
        let action = format!("moderation.{}", decision.as_str());
        let (facts, community) = self.facts(content).await?;
        let role = self.moderator(actor, &action, content, &community).await?;
        let reason = parse_public_reason(reason).map_err(|e| Error::invalid("reason", e))?;
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let audit = self.entry(actor, &action, content, &facts.community);
        let new = NewDecision {
            facts: &facts,
            decision,
            reason: &reason,
            role,
            actor: me,
            audit,
        };
        if !self.store.decide_content(content, &new).await? {
            return Err(Error::Conflict("moved_on"));
        }
        Ok(())
    }

    /// A moderator keeps the item as it is; its open reports close.
    pub async fn dismiss(&self, actor: &Actor, content: &Content) -> Result<()> {
        let action = "moderation.dismissed";
        let (facts, community) = self.facts(content).await?;
        self.moderator(actor, action, content, &community).await?;
        let audit = self.entry(actor, action, content, &facts.community);
        if self.store.dismiss_reports(content, &audit).await? == 0 {
            return Err(Error::Conflict("moved_on"));
        }
        Ok(())
    }

    /// A community's public log, newest first; `before` pages back.
    pub async fn log(
        &self,
        community: &CommunityCode,
        before: Option<i64>,
    ) -> Result<ModerationLog> {
        let code = community.to_string();
        let (community_name, _) = self.store.place_trail(&code).await?;
        let rows = self
            .store
            .moderation_log(&code, before, LOG_PAGE + 1)
            .await?;
        Ok(ModerationLog {
            community: code,
            community_name,
            page: linli_model::Page::from_overfetch(rows, LOG_PAGE as usize, |e| e.id.to_string()),
        })
    }

    /// The moderation desk over the widest area `actor` moderates: the
    /// queue of reported items, and for staff the figures per person.
    pub async fn desk(&self, actor: &Actor) -> Result<ModerationDesk> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let (prefix, staff) = match crate::audit::audit_scope(viewer) {
            Some(scope) => (scope.key(), true),
            None => {
                let council = viewer
                    .grants
                    .iter()
                    .find(|g| g.role() == Role::CouncilMember)
                    .ok_or(Error::Denied(Denied::NotPermitted))?;
                match council.scope() {
                    Scope::Community(c) => (c.to_string(), false),
                    _ => return Err(Error::Denied(Denied::NotPermitted)),
                }
            }
        };
        let queue = self.store.report_queue(&prefix, DESK_ROWS).await?;
        let (reporters, authors) = if staff {
            let limit = DESK_ROWS as i64;
            let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
            let reporters = self
                .store
                .reporter_counts(&prefix, limit)
                .await?
                .into_iter()
                .map(|(account, name, n, upheld, dismissed)| ReporterFigures {
                    account,
                    name,
                    reports: count(n),
                    upheld: count(upheld),
                    dismissed: count(dismissed),
                })
                .collect();
            let authors = self
                .store
                .hidden_by_author(&prefix, limit)
                .await?
                .into_iter()
                .map(|(account, name, hidden, written)| AuthorFigures {
                    account,
                    name,
                    hidden: count(hidden),
                    written: count(written),
                })
                .collect();
            (reporters, authors)
        } else {
            (Vec::new(), Vec::new())
        };
        let mut communities = Vec::new();
        for item in &queue {
            if communities.iter().any(|(c, _)| *c == item.community) {
                continue;
            }
            if let Some(name) = self.store.place_name(&item.community).await? {
                communities.push((item.community.clone(), name));
            }
        }
        Ok(ModerationDesk {
            queue,
            reporters,
            authors,
            communities,
        })
    }
}
