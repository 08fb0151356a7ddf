//! Reports with photos through the real form (multipart over HTTP), the
//! photo URLs, and a community's settings form.

mod support;

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use reqwest::multipart::{Form, Part};
use support::{TestApp, location, spawn_app};

fn png() -> Vec<u8> {
    let picture = RgbImage::from_fn(90, 60, |x, y| Rgb([x as u8 * 2, y as u8 * 3, 120]));
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

/// The report form as a browser sends it, with `files` as `photo` parts.
fn report_form(grid: &str, key: &str, files: Vec<(&str, Vec<u8>)>) -> Form {
    let mut form = Form::new()
        .text("grid", grid.to_owned())
        .text("category", "public_facilities")
        .text("title", "健身器材螺丝松了")
        .text(
            "description",
            "小区东门健身区的单杠螺丝松动，孩子玩的时候很危险。",
        )
        .text("latitude", "29.870001")
        .text("longitude", "121.550002")
        .text("key", key.to_owned());
    for (name, bytes) in files {
        form = form.part("photo", Part::bytes(bytes).file_name(name.to_owned()));
    }
    form
}

async fn post(app: &TestApp, path: &str, cookie: &str, form: Form) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .header("origin", &app.base)
        .multipart(form)
        .send()
        .await
        .expect("request")
}

test_on_both_engines! {
    async fn a_report_carries_photos_and_bad_files_are_named(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}001");
        let action = format!("/communities/{community}/report");
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;

        // A program renamed to .jpg: refused by content, and the form comes
        // back with the text and the good photo it carried.
        let program = b"MZ\x90\x00\x03\x00\x00\x00this program cannot be run".repeat(20);
        let mixed = post(&app, &action, &resident, report_form(&grid, "photo-key-0000000001", vec![("ok.png", png()), ("cat.jpg", program)])).await;
        assert_eq!(mixed.status(), 303);
        let back = location(&mixed);
        assert!(back.starts_with(&action), "{back}");
        let page = app.follow(&mixed, Some(&resident)).await;
        assert!(page.contains(r#"value="29.870001""#), "the map point is kept");
        assert!(page.contains("这个文件不是照片"), "the error is in plain words");
        assert!(page.contains("已附上 1 张照片"), "the good photo stays attached");
        assert!(page.contains("健身器材螺丝松了"));
        let kept_at = page.find(r#"name="photos" value=""#).expect("kept photos field") + r#"name="photos" value=""#.len();
        let kept = page[kept_at..kept_at + 64].to_owned();

        // 50 MB is refused with the limit named; nothing is filed.
        let huge = post(&app, &action, &resident, report_form(&grid, "photo-key-0000000002", vec![("big.jpg", vec![0xff; 50 * 1024 * 1024])])).await;
        assert!(app.follow(&huge, Some(&resident)).await.contains("10 MB"), "the limit is named");

        // Sent again with the kept photo: one matter with it.
        let form = report_form(&grid, "photo-key-0000000001", Vec::new()).text("photos", kept.clone());
        let filed = post(&app, &action, &resident, form).await;
        let matter = location(&filed);
        assert!(matter.starts_with("/matters/"), "{matter}");
        let path = matter.trim_end_matches("?notice=reported");
        let public = app.get(path).await.text().await.expect("body");
        assert!(public.contains(&format!("/photos/{kept}.thumb.jpg")), "the thumbnail is on the page");
        assert!(public.contains("openstreetmap.org/?mlat=29.870001"), "the map point links to a map");

        // Open311 clients get the first photo as the request's media_url.
        let id = path.trim_start_matches("/matters/");
        let open311: serde_json::Value = app.get(&format!("/open311/v2/requests/{id}.json")).await.json().await.expect("json");
        assert_eq!(open311[0]["media_url"], format!("http://linli.test/photos/{kept}.jpg"));

        let thumb = app.get(&format!("/photos/{kept}.thumb.jpg")).await;
        assert_eq!(thumb.status(), 200);
        assert_eq!(thumb.headers()["content-type"], "image/jpeg");
        assert_eq!(thumb.headers()["cache-control"], "public, max-age=3600", "an hour: a photo hidden later leaves caches soon");
        let full = app.get(&format!("/photos/{kept}.jpg")).await.bytes().await.expect("photo");
        let decoded = image::load_from_memory(&full).expect("a JPEG");
        assert_eq!((decoded.width(), decoded.height()), (90, 60));
        for missing in ["/photos/../../etc/passwd", "/photos/nothing.jpg", &format!("/photos/{}.jpg", "0".repeat(64))] {
            assert_eq!(app.get(missing).await.status(), 404, "{missing}");
        }

        // A moderator hides the photo and the description through the
        // forms: both leave the page, the photo URL and the API for
        // everyone else; the moderator still sees the photo, never cached.
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let photo_item = format!("photo:{kept}");
        let reported = app.post_form("/moderation/report", &[("what", &photo_item), ("reason", "privacy")], Some(&resident), Some(&app.base)).await;
        assert!(location(&reported).contains("notice=m_reported"), "{}", location(&reported));
        let refused = app.post_form("/moderation/hide", &[("what", &photo_item), ("reason", "拍到了别人的车牌号")], Some(&resident), Some(&app.base)).await;
        assert!(!location(&refused).contains("notice=m_hidden"), "a resident may not hide");
        let short = app.post_form("/moderation/hide", &[("what", &photo_item), ("reason", "违规")], Some(&staff), Some(&app.base)).await;
        let back = app.follow(&short, Some(&staff)).await;
        assert!(back.contains("违规"), "the typed reason comes back with its error");
        let hidden = app.post_form("/moderation/hide", &[("what", &photo_item), ("reason", "拍到了别人的车牌号")], Some(&staff), Some(&app.base)).await;
        assert!(location(&hidden).contains("notice=m_hidden"), "{}", location(&hidden));
        let thumb_path = format!("/photos/{kept}.thumb.jpg");
        assert_eq!(app.get(&thumb_path).await.status(), 404, "hidden from visitors");
        let seen = app.client.get(app.url(&thumb_path)).header("cookie", &staff).send().await.expect("request");
        assert_eq!(seen.status(), 200, "its moderators still see it");
        assert_eq!(seen.headers()["cache-control"], "private, no-store");
        assert!(!app.get(path).await.text().await.expect("body").contains(&thumb_path), "not on the matter's page");
        let matter_item = format!("matter:{id}");
        app.post_form("/moderation/hide", &[("what", &matter_item), ("reason", "描述里有他人的住址")], Some(&staff), Some(&app.base)).await;
        let page = app.get(path).await.text().await.expect("body");
        assert!(!page.contains("孩子玩的时候很危险") && page.contains("这段内容已被隐藏"), "the description is withheld");
        let api: serde_json::Value = app.get(&format!("/api/v1/matters/{id}")).await.json().await.expect("json");
        assert!(!api.to_string().contains("孩子玩的时候很危险"), "{api}");
        let community_code = app.city.communities[0].node.code.clone();
        let log = app.get(&format!("/communities/{community_code}/moderation")).await.text().await.expect("body");
        assert!(log.contains("拍到了别人的车牌号") && log.contains("描述里有他人的住址") && log.contains("社区工作者"), "the public log names the reason and the role");
        assert!(!log.contains("privacy") && !log.contains("resident@"), "never the reporter");
        app.post_form("/moderation/restore", &[("what", &photo_item), ("reason", "车牌已打码，恢复显示")], Some(&staff), Some(&app.base)).await;
        assert_eq!(app.get(&thumb_path).await.status(), 200, "restored");

        // Without a session the form leads to sign-in and stores nothing.
        let anonymous = app.client.post(app.url(&action)).header("origin", &app.base).multipart(report_form(&grid, "photo-key-0000000003", vec![("ok.png", png())])).send().await.expect("request");
        assert!(location(&anonymous).starts_with("/sign-in"));
    }
}

test_on_both_engines! {
    async fn staff_set_deadlines_and_categories_that_the_report_form_follows(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let page = format!("/communities/{community}/settings");
        // Text as a browser shows it: without the empty comments that may
        // mark where text nodes meet for hydration.
        let public = app.get(&page).await.text().await.expect("body").replace("<!>", "");
        assert!(public.contains("5 个工作日") && public.contains("<li>停车管理</li>"), "everyone can read them");
        assert!(!public.contains("<form"), "but not change them");

        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let mut fields = vec![("days_minor", "1"), ("days_general", "3"), ("days_larger", "10"), ("days_major", "15"), ("response_days", "1")];
        for code in ["public_facilities", "road_lighting", "sanitation", "noise"] {
            fields.push(("offer", code));
        }
        let refused = app.post_form(&page, &fields, Some(&resident), Some(&app.base)).await;
        assert!(location(&refused).contains("error=denied"), "{}", location(&refused));

        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let mut wrong = fields.clone();
        wrong[1] = ("days_general", "90");
        let bad = app.post_form(&page, &wrong, Some(&staff), Some(&app.base)).await;
        let form = app.follow(&bad, Some(&staff)).await;
        assert!(form.contains(r#"value="90""#), "what was typed is kept");
        let window = form.split(r#"name="response_days""#).nth(1).unwrap_or("");
        assert!(window[..window.find('>').unwrap_or(0)].contains(r#"value="1""#), "the response window is kept too");
        assert!(form.contains(r#"aria-invalid="true""#), "and marked wrong");
        assert_eq!(form.matches("checked").count(), 4, "every ticked category stays ticked, no other");

        let saved = app.post_form(&page, &fields, Some(&staff), Some(&app.base)).await;
        assert!(location(&saved).contains("notice=saved"));
        let shown = app.get(&page).await.text().await.expect("body").replace("<!>", "");
        assert!(shown.contains("3 个工作日") && !shown.contains("<li>停车管理</li>"));
        let report = app.client.get(app.url(&format!("/communities/{community}/report"))).header("cookie", &resident).send().await.expect("page").text().await.expect("body").replace("<!>", "");
        assert!(report.contains(">环境卫生</option>") && !report.contains(">停车管理</option>"), "the report form offers only the community's categories");
    }
}
