//! Email delivery of the outbox against a real SMTP peer on loopback: a
//! small SMTP server in this file that accepts (or refuses) and records.

use std::sync::{Arc, Mutex};

use linli_model::account::SignUpForm;
use linli_service::{
    Store,
    auth::Auth,
    clock::{MINUTE, ManualClock},
    outbox::{Mailer, Round, deliver_due},
    test_on_both_engines,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

const START: i64 = 1_790_000_000_000;

#[derive(Debug, Clone)]
struct Received {
    recipients: Vec<String>,
    data: String,
}

/// An SMTP server that answers like a real one, refuses recipients whose
/// address contains "refuse", and keeps every message it accepts.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let kept = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let inbox = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink.test ESMTP\r\n").await;
                let mut recipients = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-sink.test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO") {
                        if line.contains("refuse") {
                            b"550 5.1.1 mailbox unavailable\r\n"
                        } else {
                            recipients.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                            b"250 OK\r\n"
                        }
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        inbox.lock().expect("inbox").push(Received {
                            recipients: std::mem::take(&mut recipients),
                            data,
                        });
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, inbox)
}

/// Undoes quoted-printable: soft line breaks and `=XX` escapes.
fn unquote(data: &str) -> String {
    let joined = data.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn ask_for_reset(store: &Store, clock: &ManualClock, email: &str) {
    let auth = Auth { store, clock };
    let form = SignUpForm {
        display_name: "王阿姨".into(),
        login: email.into(),
        password: "river lanterns at dusk".into(),
        confirm: "river lanterns at dusk".into(),
    };
    auth.sign_up(&form.parse().expect("valid"), None)
        .await
        .expect("sign up");
    auth.request_reset(email, "http://linli.test")
        .await
        .expect("reset");
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "邻里 Linli <noreply@linli.test>",
    )
    .expect("mailer")
}

test_on_both_engines! {
    async fn due_email_is_sent_once_and_marked_sent(db: TestDb) {
        let clock = ManualClock::new(START);
        let (port, inbox) = smtp_sink().await;
        ask_for_reset(&db.store, &clock, "wang@example.cn").await;
        let id = db.store.unsent_messages(10).await.expect("outbox")[0].outbox_message_id;

        let round = deliver_due(&db.store, &clock, &mailer(port)).await.expect("deliver");
        assert_eq!(round, Round { sent: 1, failed: 0 });
        let received = inbox.lock().expect("inbox").clone();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].recipients, vec!["wang@example.cn".to_owned()]);
        let text = unquote(&received[0].data);
        assert!(text.contains("http://linli.test/reset/"), "the link arrives intact:\n{text}");
        assert!(text.contains("noreply@linli.test"));
        let (attempts, error, sent_at) = db.store.delivery_state(id).await.expect("state");
        assert_eq!((attempts, error, sent_at), (0, None, Some(START)));

        let again = deliver_due(&db.store, &clock, &mailer(port)).await.expect("deliver");
        assert_eq!(again, Round::default(), "nothing is sent twice");
        assert_eq!(inbox.lock().expect("inbox").len(), 1);
    }
}

test_on_both_engines! {
    async fn a_failed_attempt_waits_and_is_retried(db: TestDb) {
        let clock = ManualClock::new(START);
        let (port, inbox) = smtp_sink().await;
        ask_for_reset(&db.store, &clock, "refuse-me@example.cn").await;
        let id = db.store.unsent_messages(10).await.expect("outbox")[0].outbox_message_id;

        let round = deliver_due(&db.store, &clock, &mailer(port)).await.expect("deliver");
        assert_eq!(round, Round { sent: 0, failed: 1 });
        let (attempts, error, sent_at) = db.store.delivery_state(id).await.expect("state");
        assert_eq!((attempts, sent_at), (1, None));
        let error = error.expect("the server's answer is kept");
        assert!(error.contains("550"), "{error}");
        assert!(!error.contains("refuse-me@example.cn"), "no address in the error column: {error}");

        assert_eq!(deliver_due(&db.store, &clock, &mailer(port)).await.expect("deliver"), Round::default(), "not before its time");
        clock.advance(2 * MINUTE);
        assert_eq!(deliver_due(&db.store, &clock, &mailer(port)).await.expect("deliver"), Round { sent: 0, failed: 1 });
        assert_eq!(db.store.delivery_state(id).await.expect("state").0, 2);
        assert!(inbox.lock().expect("inbox").is_empty());
    }
}

test_on_both_engines! {
    async fn two_deliverers_at_once_send_each_message_once(db: TestDb) {
        let clock = ManualClock::new(START);
        let (port, inbox) = smtp_sink().await;
        for n in 0..6 {
            ask_for_reset(&db.store, &clock, &format!("n{n}@example.cn")).await;
        }
        let mailer = mailer(port);
        let (a, b) = tokio::join!(
            deliver_due(&db.store, &clock, &mailer),
            deliver_due(&db.store, &clock, &mailer)
        );
        let (a, b) = (a.expect("first"), b.expect("second"));
        assert_eq!(a.sent + b.sent, 6);
        let mut recipients: Vec<String> =
            inbox.lock().expect("inbox").iter().flat_map(|m| m.recipients.clone()).collect();
        recipients.sort();
        recipients.dedup();
        assert_eq!(recipients.len(), 6);
        assert_eq!(inbox.lock().expect("inbox").len(), 6, "no message twice");
    }
}
