//! Promises with deadlines: support reaching a community's threshold
//! obliges its council to put the matter or topic on its agenda within 14
//! days and to answer in writing within 30. The clocks, the answer and
//! whether the promise was kept are public.

use linli_model::{
    promise::{
        Clocks, Promise, PromiseList, PromisePage, Subject, deadlines, parse_answer, parse_note,
        threshold,
    },
    tree::CommunityCode,
};

use crate::{
    Error, Result, Store,
    clock::Clock,
    policy::{Action, Actor, may},
};

/// Promises shown on a page at most.
const LIST_LIMIT: i64 = 200;

pub struct Promises<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Promises<'_> {
    /// After a supporter was added: opens the subject's promise when its
    /// support has reached the threshold. Returns the promise opened.
    pub async fn supported(&self, subject: Subject, id: i64) -> Result<Option<i64>> {
        let supported = match subject {
            Subject::Matter => self.store.supported_matter(id).await?,
            Subject::Topic => self.store.supported_topic(id).await?,
        };
        let needed = threshold(supported.households, supported.setting);
        if supported.supporters < needed {
            return Ok(None);
        }
        let now = self.clock.now();
        let (agenda_due, answer_due) = deadlines(now);
        let clocks = Clocks {
            reached_at: now,
            agenda_due,
            answer_due,
            on_agenda_at: None,
            answered_at: None,
        };
        if !self
            .store
            .open_promise(subject, id, &supported, needed, &clocks)
            .await?
        {
            return Ok(None);
        }
        Ok(self.store.promise_of(subject, id, now).await?.map(|p| p.id))
    }

    /// Promises under a place (a checked code; `''` for the city).
    pub async fn list(&self, place: &str) -> Result<PromiseList> {
        let now = self.clock.now();
        let (place_name, _) = self.store.place_trail(place).await?;
        Ok(PromiseList {
            place: place.to_owned(),
            place_name,
            promises: self.store.promises_under(place, LIST_LIMIT, now).await?,
            now,
        })
    }

    pub async fn get(&self, id: i64) -> Result<Promise> {
        self.store.promise(id, self.clock.now()).await
    }

    /// A promise's public page, and whether `actor` answers for it.
    pub async fn page(&self, actor: &Actor, id: i64) -> Result<PromisePage> {
        let promise = self.get(id).await?;
        let may_answer = match CommunityCode::parse(&promise.community) {
            Ok(c) => may(actor, &Action::RunDeliberation(&c)).is_ok(),
            Err(_) => false,
        };
        Ok(PromisePage {
            promise,
            may_answer,
            now: self.clock.now(),
        })
    }

    pub async fn of(&self, subject: Subject, id: i64) -> Result<Option<Promise>> {
        self.store.promise_of(subject, id, self.clock.now()).await
    }

    /// The council records where the subject is on its agenda.
    pub async fn put_on_agenda(&self, actor: &Actor, id: i64, note: &str) -> Result<()> {
        let promise = self.owed_by(actor, id).await?;
        let note = parse_note(note).map_err(|e| Error::invalid("note", e))?;
        let by = actor.viewer().map(|v| v.id);
        if !self
            .store
            .promise_on_agenda(promise.id, &note, by, self.clock.now())
            .await?
        {
            return Err(Error::Conflict("moved_on"));
        }
        Ok(())
    }

    /// The council's written answer to the supporters.
    pub async fn answer(&self, actor: &Actor, id: i64, answer: &str) -> Result<()> {
        let promise = self.owed_by(actor, id).await?;
        let answer = parse_answer(answer).map_err(|e| Error::invalid("answer", e))?;
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        if !self
            .store
            .answer_promise(promise.id, &answer, by, self.clock.now())
            .await?
        {
            return Err(Error::Conflict("moved_on"));
        }
        Ok(())
    }

    /// The promise, if `actor` answers for it: the community's council
    /// members or staff over it.
    async fn owed_by(&self, actor: &Actor, id: i64) -> Result<Promise> {
        let promise = self.get(id).await?;
        let community = CommunityCode::parse(&promise.community)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored community code: {e}")))?;
        may(actor, &Action::RunDeliberation(&community))?;
        Ok(promise)
    }
}
