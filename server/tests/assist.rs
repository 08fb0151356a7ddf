//! Acting for a resident through the plain forms, on both engines: staff
//! start, and signing out while still acting for someone stops first, so
//! the resident still gets the list of what was done in their name.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn signing_out_while_acting_for_a_resident_tells_the_resident(db: TestDb) {
        let app = spawn_app(db).await;
        let store = &app.db.store;
        let origin = Some(app.base.as_str());
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let r = app.post_form("/assist/start", &[("resident", "resident@linli.demo"), ("channel", "in_person")], Some(&staff), origin).await;
        assert!(location(&r).contains("notice=assist_started"), "{}", location(&r));
        assert!(app.page_as("/", &staff).await.contains("结束代办"), "the band shows on every page");
        let messages = || async {
            store.query_strings("SELECT body FROM outbox_message WHERE recipient LIKE 'resident@linli.demo' ORDER BY outbox_message_id").await
        };
        assert_eq!(messages().await.len(), 1, "told when it started");

        let r = app.post_form("/account/sign-out", &[], Some(&staff), origin).await;
        assert_eq!(r.status(), 303);
        let told = messages().await;
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(told[1].contains("代办完毕"), "{told:?}");
        assert_eq!(store.query_strings("SELECT session_id FROM assist_session").await, Vec::<String>::new());
    }
}
