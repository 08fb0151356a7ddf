//! Nobody left out for lack of a phone: staff act for a resident who came
//! to the counter or phoned, and count paper ballots.
//!
//! Acting for a resident is a state of the staff member's session: while
//! it lasts, every page and form works as the resident's own (their rights,
//! their name), and every row written records the channel and the staff
//! member (see [`Actor::Assisted`]). So staff file a matter, support, propose
//! a topic or cast a ballot with the very forms residents use, and nothing
//! is written twice.

use linli_model::{
    Lang,
    account::{AccountId, FieldError, Viewer},
    channel::{AssistForm, Assisting, TallyForm},
    deliberation::{MethodKind, Stage},
    role::{Role, Scope},
};

use crate::{
    Error, Result, Store,
    audit::{AuditEntry, Outcome},
    auth::SessionToken,
    clock::{Clock, DAY, HOUR, Millis},
    policy::{Action, Actor, Assisted, may},
    store::{AssistRow, AssistScope, EnteredFor, Message},
};

/// Paper ballots counted after a poll closes may be entered this long
/// after: the count at the polling station ends the evening it closes.
pub const TALLY_GRACE: Millis = 2 * DAY;

/// Acting for one resident takes minutes; one still on after this was
/// forgotten, and is ended with the resident told (see
/// [`Assist::end_forgotten`]).
pub const ASSIST_MAX: Millis = 4 * HOUR;

pub struct Assist<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Assist<'_> {
    /// The actor for a session whose staff member acts for a resident;
    /// `None` when the session is not assisting anyone.
    pub async fn assisted(&self, staff: &Viewer, session_id: &str) -> Result<Option<Actor>> {
        let Some(row) = self.store.assist_of(session_id).await? else {
            return Ok(None);
        };
        let resident = self.store.viewer(AccountId(row.resident_id)).await?;
        Ok(Some(Actor::Assisted(Box::new(Assisted {
            resident,
            staff: staff.clone(),
            channel: row.channel()?,
            since: row.started_at,
        }))))
    }

    /// Starts acting for the resident the form names, who must be a
    /// verified resident of a community the staff member serves; the
    /// resident hears of it at once.
    pub async fn start(
        &self,
        actor: &Actor,
        session: &SessionToken,
        form: &AssistForm,
    ) -> Result<Assisting> {
        let staff = staff_at_keyboard(actor)?;
        let (login, channel) = form.parse().map_err(Error::Invalid)?;
        let not_yours = || Error::invalid("resident", FieldError::NotYourResident);
        let resident = match self.store.credentials(&login).await? {
            Some(c) => self.store.viewer(AccountId(c.account_id)).await?,
            None => return Err(not_yours()),
        };
        let as_staff = Actor::Signed(staff.clone());
        let community = resident
            .grants
            .iter()
            .filter(|g| g.role() == Role::Resident)
            .find_map(|g| match g.scope() {
                Scope::Community(c) if may(&as_staff, &Action::AssistResidentOf(c)).is_ok() => {
                    Some(c.clone())
                }
                _ => None,
            });
        let now = self.clock.now();
        let Some(community) = community.filter(|_| resident.id != staff.id) else {
            self.store
                .append_audit(&AuditEntry::by(
                    &as_staff,
                    "assist.start",
                    format!("account:{}", resident.id),
                    String::new(),
                    Outcome::Denied,
                    now,
                ))
                .await?;
            return Err(not_yours());
        };
        let row = AssistRow {
            resident_id: resident.id.0,
            channel: channel.channel().as_str().to_owned(),
            started_at: now,
        };
        let how = |lang| channel.channel().name(lang);
        let sms = format!(
            "【邻里】工作人员{}（{}）正在为您代办。代办的事项以您的名义记录，并注明由工作人员代办。如有疑问请联系社区。",
            staff.display_name,
            how(Lang::ZhCn)
        );
        let email = format!(
            "{sms}\n\nA member of staff, {}, is acting for you ({}). What they do is recorded in your name and marked as entered by staff. If you did not ask for this, contact your community.",
            staff.display_name,
            how(Lang::En)
        );
        self.store
            .start_assist(
                &session.id(),
                &row,
                &AuditEntry::by(
                    &as_staff,
                    "assist.start",
                    format!("account:{}", resident.id),
                    community.to_string(),
                    Outcome::Ok,
                    now,
                ),
                &Message {
                    subject: "邻里：工作人员正在为您代办 / Linli: staff are acting for you",
                    email: &email,
                    sms: &sms,
                },
            )
            .await?;
        Ok(Assisting {
            resident_name: resident.display_name,
            community: Some(community.to_string()),
            channel,
            since: now,
        })
    }

    /// Stops acting for the resident; they get a summary of what was
    /// entered in their name. Stopping when nothing was going on is fine.
    pub async fn stop(&self, actor: &Actor, session: &SessionToken) -> Result<EnteredFor> {
        let staff = staff_at_keyboard(actor)?;
        let as_staff = Actor::Signed(staff.clone());
        self.end(&session.id(), staff.id, &staff.display_name, |row, now| {
            AuditEntry::by(
                &as_staff,
                "assist.stop",
                format!("account:{}", row.resident_id),
                String::new(),
                Outcome::Ok,
                now,
            )
        })
        .await
    }

    /// Ends assistance nobody stopped within [`ASSIST_MAX`] (a closed
    /// browser, a shift that ended), so every resident still gets the
    /// list of what was done in their name. Returns how many ended.
    pub async fn end_forgotten(&self) -> Result<usize> {
        let before = self.clock.now() - ASSIST_MAX;
        self.end_all(AssistScope::StartedBefore(before), "assist.expired")
            .await
    }

    /// Ends the assistance of sessions about to end (a sign-out, every
    /// session of an account), before they go and take it with them:
    /// the residents still get their lists.
    pub async fn end_with_sessions(&self, scope: AssistScope<'_>) -> Result<usize> {
        self.end_all(scope, "assist.stop").await
    }

    async fn end_all(&self, scope: AssistScope<'_>, action: &str) -> Result<usize> {
        let mut ended = 0;
        for (session, staff, name) in self.store.open_assists(scope).await? {
            let done = self
                .end(&session, AccountId(staff), &name, |row, now| AuditEntry {
                    actor: Some(AccountId(staff)),
                    action: action.to_owned(),
                    target: format!("account:{}", row.resident_id),
                    scope_key: String::new(),
                    outcome: Outcome::Ok,
                    at: now,
                })
                .await;
            match done {
                Ok(_) => ended += 1,
                Err(e) => tracing::error!(error = %e, "ending an assist failed"),
            }
        }
        Ok(ended)
    }

    /// Ends the session's assistance (once, whoever asks first) and sends
    /// the resident the list of what was entered for them.
    async fn end(
        &self,
        session: &str,
        staff: AccountId,
        staff_name: &str,
        audit: impl FnOnce(&AssistRow, Millis) -> AuditEntry,
    ) -> Result<EnteredFor> {
        let now = self.clock.now();
        let Some(row) = self
            .store
            .end_assist(session, |row| audit(row, now))
            .await?
        else {
            return Ok(EnteredFor::default());
        };
        let resident = AccountId(row.resident_id);
        let done = self
            .store
            .entered_for(staff, resident, row.started_at)
            .await?;
        let sms = format!(
            "【邻里】工作人员{staff_name}已为您代办完毕：反映事项 {} 件，支持 {} 次，提议 {} 个，投票 {} 张。可登录查看。",
            done.matters, done.supports, done.topics, done.ballots
        );
        let email = format!(
            "{sms}\n\n{staff_name} has finished acting for you: {} matters reported, {} supports, {} topics proposed, {} ballots cast.",
            done.matters, done.supports, done.topics, done.ballots
        );
        self.store
            .send_to(
                resident,
                &Message {
                    subject: "邻里：代办完毕 / Linli: staff finished acting for you",
                    email: &email,
                    sms: &sms,
                },
                now,
            )
            .await?;
        Ok(done)
    }

    /// Whether the actor is offered the page to act for residents: staff,
    /// or staff already acting for one. Starting checks the resident's
    /// community (see [`Assist::start`]).
    pub fn offered_to(actor: &Actor) -> bool {
        matches!(actor, Actor::Assisted(_)) || crate::policy::is_staff_member(actor)
    }

    /// Who is being helped, for the banner on every page.
    pub fn banner(actor: &Actor) -> Option<Assisting> {
        match actor {
            Actor::Assisted(a) => Some(Assisting {
                resident_name: a.resident.display_name.clone(),
                community: a.resident.grants.iter().find_map(|g| match g.scope() {
                    Scope::Community(c) if g.role() == Role::Resident => Some(c.to_string()),
                    _ => None,
                }),
                channel: a.channel,
                since: a.since,
            }),
            _ => None,
        }
    }

    /// Enters a tally sheet of a one-choice poll's paper ballots: staff
    /// serving the community, while the poll is open and for two days
    /// after. It counts once someone else confirms it.
    pub async fn enter_tally(&self, actor: &Actor, poll: i64, form: &TallyForm) -> Result<i64> {
        let (p, community) = self.paper_poll(actor, poll, "poll.tally_entered").await?;
        let (counts, spoiled) = form.parse(p.options().len()).map_err(Error::Invalid)?;
        let now = self.clock.now();
        let staff = staff_at_keyboard(actor)?;
        self.store
            .insert_tally_sheet(
                poll,
                &counts,
                spoiled,
                staff.id,
                |id| {
                    AuditEntry::by(
                        actor,
                        "poll.tally_entered",
                        format!("tally_sheet:{id}"),
                        community,
                        Outcome::Ok,
                        now,
                    )
                },
                now,
            )
            .await
    }

    /// Confirms a sheet someone else entered.
    pub async fn confirm_tally(&self, actor: &Actor, poll: i64, sheet: i64) -> Result<()> {
        let (_, community) = self.paper_poll(actor, poll, "poll.tally_confirmed").await?;
        let staff = staff_at_keyboard(actor)?;
        match self.store.tally_sheet_author(poll, sheet).await? {
            None => return Err(Error::NotFound),
            Some(author) if author == staff.id.0 => {
                return Err(Error::invalid("sheet", FieldError::SecondPersonNeeded));
            }
            Some(_) => {}
        }
        let now = self.clock.now();
        let audit = AuditEntry::by(
            actor,
            "poll.tally_confirmed",
            format!("tally_sheet:{sheet}"),
            community,
            Outcome::Ok,
            now,
        );
        if self
            .store
            .confirm_tally_sheet(poll, sheet, staff.id, &audit, now)
            .await?
        {
            Ok(())
        } else {
            // Confirmed meanwhile by someone else.
            Err(Error::Conflict("confirmed_already"))
        }
    }

    /// A one-choice poll whose paper ballots the actor may count, and its
    /// community's code; refusals are audited.
    async fn paper_poll(
        &self,
        actor: &Actor,
        poll: i64,
        action: &str,
    ) -> Result<(crate::store::PollRow, String)> {
        let p = self.store.poll_row(poll).await?;
        let row = self.store.deliberation_row(p.deliberation_id).await?;
        let community = row.community()?;
        self.store
            .allowed_in_community(
                actor,
                &Action::AssistResidentOf(&community),
                action,
                format!("poll:{poll}"),
                &community,
                self.clock.now(),
            )
            .await?;
        if p.method != MethodKind::Choice.as_str() {
            return Err(Error::invalid("count_0", FieldError::NotAChoice));
        }
        if row.stage()? != Stage::Consultation || self.clock.now() >= p.closes_at + TALLY_GRACE {
            return Err(Error::invalid("count_0", FieldError::WindowClosed));
        }
        Ok((p, community.to_string()))
    }
}

/// The staff member at the keyboard, signed in with a password (not a
/// token): acting for residents is done at a counter, not by scripts.
fn staff_at_keyboard(actor: &Actor) -> Result<&Viewer> {
    match actor {
        Actor::Signed(v) => Ok(v),
        Actor::Assisted(a) => Ok(&a.staff),
        Actor::Token(_) => Err(crate::policy::Denied::NotPermitted.into()),
        Actor::Anonymous => Err(Error::Unauthenticated),
    }
}
