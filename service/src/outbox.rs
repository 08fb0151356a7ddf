//! Delivering the outbox by email over SMTP.
//!
//! Every message is written to `outbox_message` first, in the transaction
//! that makes it necessary; this deliverer sends what is due and records
//! the outcome. A failed attempt is retried later with a growing pause, and
//! a claim with an expiry keeps two server instances from sending one
//! message twice, while a crashed instance's claims run out by themselves.

use std::time::Duration;

use anyhow::Context as _;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, SinglePart,
        header::{ContentTransferEncoding, ContentType},
    },
};

use crate::{
    Result, Store,
    clock::{Clock, HOUR, MINUTE, Millis},
    store::StoredMessage,
};

/// How long a claimed batch is reserved for the instance sending it.
const CLAIM: Millis = 5 * MINUTE;
/// Messages sent per round.
const BATCH: i64 = 50;

/// The pause before the next attempt after `attempts` failures: one
/// minute, doubling, at most six hours.
pub fn retry_delay(attempts: i32) -> Millis {
    let doubling = 1_i64 << attempts.clamp(0, 9);
    (MINUTE * doubling).min(6 * HOUR)
}

/// An SMTP connection pool built from `LINLI_SMTP_URL`, e.g.
/// `smtp://user:pass@mail.example:587?tls=required` or `smtps://…:465`.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry a password: never print it.
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("LINLI_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from.parse().context("LINLI_MAIL_FROM is not a mailbox")?;
        Ok(Self { transport, from })
    }

    async fn send(&self, message: &StoredMessage) -> anyhow::Result<()> {
        // Quoted-printable keeps links legible in the raw message, which
        // helps people whose mail client shows it.
        let body = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::QuotedPrintable)
            .body(message.body.clone());
        let email = Message::builder()
            .from(self.from.clone())
            .to(message.recipient.parse().context("recipient")?)
            .subject(&message.subject)
            .singlepart(body)
            .context("building the message")?;
        self.transport.send(email).await.context("SMTP")?;
        Ok(())
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the email messages that are due, once.
pub async fn deliver_due(store: &Store, clock: &dyn Clock, mailer: &Mailer) -> Result<Round> {
    let now = clock.now();
    let batch = store.claim_due_emails(now, now + CLAIM, BATCH).await?;
    let mut round = Round::default();
    for message in batch {
        match mailer.send(&message).await {
            Ok(()) => {
                store
                    .mark_sent(message.outbox_message_id, clock.now())
                    .await?;
                round.sent += 1;
            }
            Err(e) => {
                // A server's refusal may quote the address: keep it out of
                // logs and of the table's error column alike.
                let (attempts, _, _) = store.delivery_state(message.outbox_message_id).await?;
                let error = format!("{e:#}").replace(&message.recipient, "<recipient>");
                tracing::warn!(message = message.outbox_message_id, error, "email not sent");
                store
                    .mark_failed(
                        message.outbox_message_id,
                        &error,
                        clock.now() + retry_delay(attempts + 1),
                    )
                    .await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(retry_delay(1), 2 * MINUTE);
        assert_eq!(retry_delay(3), 8 * MINUTE);
        assert_eq!(retry_delay(30), 6 * HOUR);
        assert!(retry_delay(0) >= MINUTE);
    }
}
