//! Accounts, sessions, lock-outs and the audit chain, on both engines.

use std::net::IpAddr;

use linli_model::account::{FieldError, Password, SignUpForm};
use linli_service::{
    Error,
    audit::{AuditEntry, Outcome, Verification},
    auth::{Auth, SessionToken},
    clock::{DAY, MINUTE, ManualClock},
    policy::Actor,
    test_on_both_engines,
};

const START: i64 = 1_790_000_000_000;

fn form(login: &str) -> SignUpForm {
    SignUpForm {
        display_name: "王阿姨".into(),
        login: login.into(),
        password: "river lanterns at dusk".into(),
        confirm: "river lanterns at dusk".into(),
    }
}

fn ip(s: &str) -> Option<IpAddr> {
    Some(s.parse().expect("address"))
}

test_on_both_engines! {
    async fn sign_up_signs_in_and_every_sign_in_gets_a_fresh_session(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        let new = form("13812345678").parse().expect("valid form");
        let first = auth.sign_up(&new, None).await.expect("sign up");
        assert_eq!(first.viewer.display_name, "王阿姨");
        let actor = auth.actor(Some(&first.token)).await.expect("lookup");
        assert!(matches!(actor, Actor::Signed(ref v) if v.id == first.viewer.id));

        // A session id planted before sign-in (fixation) is unknown to the server...
        let planted = SessionToken::from_cookie(&"ab".repeat(32)).expect("well-formed");
        assert_eq!(auth.actor(Some(&planted)).await.expect("lookup"), Actor::Anonymous);
        // ...and signing in never adopts a session id: it issues a new one.
        let second = auth
            .sign_in("138 1234 5678", "river lanterns at dusk", ip("10.0.0.1"))
            .await
            .expect("sign in");
        assert_ne!(second.token, first.token);
        assert_ne!(second.token, planted);
        assert!(matches!(auth.actor(Some(&second.token)).await.expect("lookup"), Actor::Signed(_)));

        let taken = auth.sign_up(&new, None).await;
        assert!(
            matches!(&taken, Err(Error::Invalid(f)) if f == &vec![("login".to_string(), FieldError::Taken)]),
            "{taken:?}"
        );
    }
}

test_on_both_engines! {
    async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        auth.sign_up(&form("li@example.cn").parse().expect("valid"), None).await.expect("sign up");
        for attempt in 0..5 {
            let r = auth.sign_in("li@example.cn", "wrong password", ip(&format!("10.0.0.{attempt}"))).await;
            assert!(matches!(r, Err(Error::BadCredentials)), "{r:?}");
            clock.advance(MINUTE);
        }
        // Locked now, even with the right password and from a new address.
        let locked = auth.sign_in("li@example.cn", "river lanterns at dusk", ip("10.9.9.9")).await;
        match locked {
            Err(Error::RateLimited { retry_after_secs }) => {
                assert!((9 * 60..=15 * 60).contains(&retry_after_secs), "{retry_after_secs}");
            }
            other => panic!("expected a lock-out, got {other:?}"),
        }
        clock.advance(11 * MINUTE);
        auth.sign_in("li@example.cn", "river lanterns at dusk", ip("10.9.9.9"))
            .await
            .expect("the lock has expired");
    }
}

test_on_both_engines! {
    async fn one_address_guessing_many_accounts_is_locked_out_alone(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        auth.sign_up(&form("zhao@example.cn").parse().expect("valid"), None).await.expect("sign up");
        for n in 0..20 {
            let r = auth.sign_in(&format!("nobody{n}@example.cn"), "guess", ip("203.0.113.7")).await;
            assert!(matches!(r, Err(Error::BadCredentials)), "{r:?}");
        }
        let from_attacker = auth.sign_in("zhao@example.cn", "river lanterns at dusk", ip("203.0.113.7")).await;
        assert!(matches!(from_attacker, Err(Error::RateLimited { .. })), "{from_attacker:?}");
        auth.sign_in("zhao@example.cn", "river lanterns at dusk", ip("198.51.100.2"))
            .await
            .expect("other addresses are not affected");
    }
}

test_on_both_engines! {
    async fn sessions_end_after_two_idle_weeks_and_everywhere_on_request(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        let a = auth.sign_up(&form("13900001111").parse().expect("valid"), None).await.expect("sign up");
        let b = auth.sign_in("13900001111", "river lanterns at dusk", None).await.expect("sign in");

        clock.advance(10 * DAY);
        assert!(matches!(auth.actor(Some(&a.token)).await.expect("lookup"), Actor::Signed(_)), "use keeps it alive");
        clock.advance(10 * DAY);
        assert!(matches!(auth.actor(Some(&a.token)).await.expect("lookup"), Actor::Signed(_)));
        assert_eq!(auth.actor(Some(&b.token)).await.expect("lookup"), Actor::Anonymous, "b idled 20 days");

        let c = auth.sign_in("13900001111", "river lanterns at dusk", None).await.expect("sign in");
        let actor = auth.actor(Some(&c.token)).await.expect("lookup");
        assert_eq!(auth.sign_out_everywhere(&actor).await.expect("sign out"), 2);
        assert_eq!(auth.actor(Some(&a.token)).await.expect("lookup"), Actor::Anonymous);
        assert_eq!(auth.actor(Some(&c.token)).await.expect("lookup"), Actor::Anonymous);
        assert!(matches!(auth.sign_out_everywhere(&Actor::Anonymous).await, Err(Error::Denied(_))));
    }
}

test_on_both_engines! {
    async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        let old = auth.sign_up(&form("chen@example.cn").parse().expect("valid"), None).await.expect("sign up");
        let actor = auth.actor(Some(&old.token)).await.expect("lookup");
        let new_password = Password::parse("paper boats on the lake").expect("valid");

        let wrong = auth.change_password(&actor, "not it", &new_password).await;
        assert!(matches!(&wrong, Err(Error::Invalid(f)) if f[0].1 == FieldError::WrongPassword), "{wrong:?}");

        let fresh = auth.change_password(&actor, "river lanterns at dusk", &new_password).await.expect("changed");
        assert_eq!(auth.actor(Some(&old.token)).await.expect("lookup"), Actor::Anonymous);
        assert!(matches!(auth.actor(Some(&fresh.token)).await.expect("lookup"), Actor::Signed(_)));
        assert!(matches!(
            auth.sign_in("chen@example.cn", "river lanterns at dusk", None).await,
            Err(Error::BadCredentials)
        ));
        auth.sign_in("chen@example.cn", "paper boats on the lake", None).await.expect("new password works");
    }
}

test_on_both_engines! {
    async fn the_audit_chain_verifies_refuses_edits_and_detects_a_forged_head(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        auth.sign_up(&form("audit@example.cn").parse().expect("valid"), None).await.expect("sign up");
        let _ = auth.sign_in("audit@example.cn", "wrong", None).await;
        assert_eq!(db.store.verify_audit().await.expect("verify"), Verification::Intact { entries: 2 });

        assert!(db.store.execute_raw("UPDATE audit_entry SET outcome = 'ok'").await.is_err(), "append-only");
        assert!(db.store.execute_raw("DELETE FROM audit_entry").await.is_err(), "append-only");

        db.store
            .execute_raw("UPDATE audit_head SET hash = '1111111111111111111111111111111111111111111111111111111111111111'")
            .await
            .expect("the head itself is writable");
        assert!(matches!(db.store.verify_audit().await.expect("verify"), Verification::Broken { .. }));
    }
}

test_on_both_engines! {
    async fn concurrent_audit_appends_never_fork_the_chain(db: TestDb) {
        let appends = (0..24).map(|n| {
            let store = db.store.clone();
            tokio::spawn(async move {
                store
                    .append_audit(&AuditEntry {
                        actor: None,
                        action: "test.concurrent".into(),
                        target: format!("n:{n}"),
                        scope_key: String::new(),
                        outcome: Outcome::Ok,
                        at: START + n,
                    })
                    .await
            })
        });
        for handle in appends.collect::<Vec<_>>() {
            handle.await.expect("task").expect("append");
        }
        assert_eq!(db.store.verify_audit().await.expect("verify"), Verification::Intact { entries: 24 });
    }
}

/// The reset token in the newest outbox message.
async fn token_from_outbox(store: &linli_service::Store) -> String {
    let messages = store.unsent_messages(100).await.expect("outbox");
    let body = &messages.last().expect("a message").body;
    let start = body.find("/reset/").expect("a link") + "/reset/".len();
    body[start..start + 64].to_owned()
}

test_on_both_engines! {
    async fn a_reset_link_works_once_within_the_hour_and_ends_every_session(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        let session = auth.sign_up(&form("13811112222").parse().expect("valid"), None).await.expect("sign up");

        // Unknown logins get the same silent answer and no message.
        auth.request_reset("13899998888", "http://linli.test").await.expect("silent");
        auth.request_reset("nonsense", "http://linli.test").await.expect("silent");
        assert!(db.store.unsent_messages(10).await.expect("outbox").is_empty());

        auth.request_reset("138 1111 2222", "http://linli.test/").await.expect("sent");
        let messages = db.store.unsent_messages(10).await.expect("outbox");
        assert_eq!(messages.len(), 1);
        assert_eq!((messages[0].channel.as_str(), messages[0].recipient.as_str()), ("sms", "+8613811112222"));
        assert!(messages[0].body.contains("http://linli.test/reset/"));
        let token = token_from_outbox(&db.store).await;

        let new_password = Password::parse("a brand new phrase").expect("valid");
        auth.reset_password(&token, &new_password).await.expect("reset");
        assert_eq!(auth.actor(Some(&session.token)).await.expect("lookup"), Actor::Anonymous);
        auth.sign_in("13811112222", "a brand new phrase", None).await.expect("new password");

        let reused = auth.reset_password(&token, &new_password).await;
        assert!(matches!(&reused, Err(Error::Invalid(f)) if f[0].1 == FieldError::LinkUnusable), "{reused:?}");
        let forged = auth.reset_password(&"0".repeat(64), &new_password).await;
        assert!(matches!(forged, Err(Error::Invalid(_))));
        let garbage = auth.reset_password("../../etc", &new_password).await;
        assert!(matches!(garbage, Err(Error::Invalid(_))));
    }
}

test_on_both_engines! {
    async fn an_expired_reset_link_is_refused_and_requests_are_capped(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        auth.sign_up(&form("old@example.cn").parse().expect("valid"), None).await.expect("sign up");
        auth.request_reset("old@example.cn", "http://linli.test").await.expect("sent");
        let token = token_from_outbox(&db.store).await;
        clock.advance(61 * MINUTE);
        let late = auth.reset_password(&token, &Password::parse("too late for this").expect("valid")).await;
        assert!(matches!(&late, Err(Error::Invalid(f)) if f[0].1 == FieldError::LinkUnusable), "{late:?}");
        auth.sign_in("old@example.cn", "river lanterns at dusk", None).await.expect("old password unchanged");

        for _ in 0..5 {
            auth.request_reset("old@example.cn", "http://linli.test").await.expect("silent");
        }
        let email = db.store.unsent_messages(100).await.expect("outbox");
        assert_eq!(email.len(), 4, "one an hour ago, then three in this hour");
        assert_eq!(email[0].channel, "email");
    }
}

test_on_both_engines! {
    async fn one_address_may_sign_up_ten_times_an_hour(db: TestDb) {
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        for n in 0..10 {
            let new = form(&format!("bulk{n}@example.cn")).parse().expect("valid");
            auth.sign_up(&new, ip("192.0.2.9")).await.expect("allowed");
        }
        let eleventh = form("bulk10@example.cn").parse().expect("valid");
        assert!(matches!(auth.sign_up(&eleventh, ip("192.0.2.9")).await, Err(Error::RateLimited { .. })));
        auth.sign_up(&eleventh, ip("192.0.2.10")).await.expect("another address is fine");
        clock.advance(61 * MINUTE);
        let later = form("bulk11@example.cn").parse().expect("valid");
        auth.sign_up(&later, ip("192.0.2.9")).await.expect("an hour later");
    }
}

test_on_both_engines! {
    async fn api_tokens_are_named_limited_and_only_their_owners(db: TestDb) {
        use linli_service::api_token::{ApiToken, ApiTokens, TOKENS_PER_ACCOUNT};
        let clock = ManualClock::new(START);
        let auth = Auth { store: &db.store, clock: &clock };
        let tokens = ApiTokens { store: &db.store, clock: &clock };
        let owner = Actor::Signed(auth.sign_up(&form("13833334444").parse().expect("valid"), None).await.expect("sign up").viewer);
        let other = Actor::Signed(auth.sign_up(&form("13833335555").parse().expect("valid"), None).await.expect("sign up").viewer);

        assert!(matches!(tokens.create(&Actor::Anonymous, "x").await, Err(Error::Denied(_))));
        let blank = tokens.create(&owner, "  ").await;
        assert!(matches!(&blank, Err(Error::Invalid(f)) if f[0] == ("name".to_owned(), FieldError::Required)), "{blank:?}");

        let (first, secret) = tokens.create(&owner, "大屏").await.expect("create");
        let header = format!("Bearer {}", secret.reveal());
        let found = tokens.actor(&ApiToken::from_bearer(&header).expect("well formed")).await.expect("lookup").expect("live");
        assert!(matches!(&found.actor, Actor::Token(v) if Some(v.id) == owner.viewer().map(|o| o.id)), "acts as its owner, as a token");
        assert_eq!(found.token_id, first.id);
        assert_eq!(tokens.list(&owner).await.expect("list")[0].last_used_at, Some(START), "use is recorded");

        for n in 1..TOKENS_PER_ACCOUNT {
            tokens.create(&owner, &format!("t{n}")).await.expect("within the limit");
        }
        let over = tokens.create(&owner, "one too many").await;
        assert!(matches!(&over, Err(Error::Invalid(f)) if f[0].1 == FieldError::LimitReached(TOKENS_PER_ACCOUNT)), "{over:?}");

        assert!(matches!(tokens.revoke(&other, first.id).await, Err(Error::NotFound)), "not someone else's");
        tokens.revoke(&owner, first.id).await.expect("revoke");
        assert!(tokens.actor(&ApiToken::from_bearer(&header).expect("well formed")).await.expect("lookup").is_none());
        tokens.create(&owner, "room again").await.expect("a revoked token frees its place");
    }
}
