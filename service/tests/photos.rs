//! Photos: what a hostile or careless upload gets, and what a good one
//! becomes (upright, metadata gone, stored once, shown on its matter).

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use linli_model::{
    account::FieldError,
    matter::{MAX_PHOTO_BYTES, MatterForm},
    role::{Grant, Role, Scope},
    tree::CommunityCode,
};
use linli_service::{
    Error,
    clock::ManualClock,
    matters::Matters,
    photos::{MAX_MEGAPIXELS, PhotoDir, Photos, Size, process},
    policy::Actor,
    test_on_both_engines,
    testing::{person, small_city},
};

fn encoded(picture: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

fn gradient(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| Rgb([(x * 7) as u8, (y * 5) as u8, 90]))
}

/// A PNG whose header claims `w` × `h` pixels, with a tiny compressed body:
/// the shape of a decompression bomb, which must be refused from its
/// header, before anything is inflated.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &ihdr);
    // zlib stream of a few zero bytes: a real bomb would be megabytes of
    // these expanding to gigabytes.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// An EXIF block (big-endian TIFF) saying "rotate 90° clockwise" and
/// carrying a GPS position, put into a JPEG right after its start marker.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    // IFD0 at 8: two entries.
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0]); // Orientation = 6
    tiff.extend([0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]); // GPS IFD pointer…
    tiff.extend(38u32.to_be_bytes()); // …at 38
    tiff.extend(0u32.to_be_bytes());
    // GPS IFD at 38: latitude ref and latitude.
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3]);
    tiff.extend(68u32.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    // Latitude at 68: 29° 52' 12.345" as rationals.
    for (n, d) in [(29u32, 1u32), (52, 1), (12_345, 1000)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(&app1);
    out.extend(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_renamed_program_or_a_broken_picture_is_not_a_photo() {
    let program = b"\x7fELF\x02\x01\x01\x00not really a photo.jpg".repeat(50);
    assert_eq!(process(&program).err(), Some(FieldError::NotAPhoto));
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    assert_eq!(
        process(&gif).err(),
        Some(FieldError::NotAPhoto),
        "only JPEG, PNG and WebP"
    );
    let mut cut = encoded(&gradient(64, 64), ImageFormat::Jpeg);
    cut.truncate(cut.len() / 3);
    assert_eq!(process(&cut).err(), Some(FieldError::NotAPhoto));
    assert_eq!(process(&[]).err(), Some(FieldError::NotAPhoto));
}

#[test]
fn bombs_and_giants_are_refused_before_they_are_expanded() {
    let too_many = Some(FieldError::TooManyPixels(MAX_MEGAPIXELS as usize));
    // 100,000 × 100,000 would need 30 GB once decoded.
    assert_eq!(process(&png_claiming(100_000, 100_000)).err(), too_many);
    // Inside the side limit, but 9,000 × 9,000 is 81 million pixels.
    assert_eq!(process(&png_claiming(9_000, 9_000)).err(), too_many);
    let fifty_mb = vec![0xffu8; 50 * 1024 * 1024];
    assert_eq!(
        process(&fifty_mb).err(),
        Some(FieldError::FileTooLarge(MAX_PHOTO_BYTES / (1024 * 1024)))
    );
}

#[test]
fn a_phone_photo_comes_out_upright_without_its_gps_position() {
    let photo = with_exif(&encoded(&gradient(60, 20), ImageFormat::Jpeg));
    assert!(contains(&photo, b"Exif") && contains(&photo, &12_345u32.to_be_bytes()));
    let out = process(&photo).expect("a good photo");
    assert_eq!(
        (out.width, out.height),
        (20, 60),
        "turned as the camera said"
    );
    for part in [&out.full, &out.thumb] {
        assert!(!contains(part, b"Exif"), "no EXIF block survives");
        assert!(
            !contains(part, &12_345u32.to_be_bytes()),
            "nor the latitude"
        );
        assert_eq!(
            image::guess_format(part).expect("a picture"),
            ImageFormat::Jpeg
        );
    }
}

#[test]
fn large_and_transparent_pictures_are_scaled_and_flattened() {
    let big = process(&encoded(&gradient(4000, 3000), ImageFormat::Png)).expect("accepted");
    assert_eq!((big.width, big.height), (2560, 1920));
    let thumb = image::load_from_memory(&big.thumb).expect("thumbnail");
    assert_eq!((thumb.width(), thumb.height()), (320, 240));

    let clear = RgbaImage::from_pixel(10, 10, Rgba([0, 0, 0, 0]));
    let mut png = Cursor::new(Vec::new());
    clear.write_to(&mut png, ImageFormat::Png).expect("encode");
    let flat = process(&png.into_inner()).expect("accepted");
    let pixel = image::load_from_memory(&flat.full).expect("jpeg").to_rgb8();
    assert!(
        pixel.get_pixel(5, 5).0.iter().all(|c| *c > 240),
        "transparent becomes white, not black"
    );

    let webp = encoded(&gradient(30, 30), ImageFormat::WebP);
    assert!(process(&webp).is_ok(), "WebP is accepted");
}

test_on_both_engines! {
    async fn photos_are_stored_once_and_shown_on_their_matter(db: TestDb) {
        let clock = ManualClock::new(1_790_000_000_000);
        let city = small_city(&db.store, 3).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let grid = community.grid(1).expect("valid");
        let resident = person(
            &db.store,
            "photo@x.cn",
            &[Grant::new(Role::Resident, Scope::Community(community.clone())).expect("valid")],
        )
        .await;
        let dir = tempfile::tempdir().expect("temp dir");
        let photo_dir = PhotoDir::new(dir.path());
        let photos = Photos { store: &db.store, clock: &clock, dir: &photo_dir };

        let picture = encoded(&gradient(80, 40), ImageFormat::Jpeg);
        assert!(matches!(
            photos.accept(&Actor::Anonymous, picture.clone()).await,
            Err(Error::Denied(_))
        ), "only people who may report upload");
        let first = photos.accept(&resident, picture.clone()).await.expect("stored");
        let again = photos.accept(&resident, picture).await.expect("stored again");
        assert_eq!(first, again, "the same photo is one file");
        assert!(photo_dir.path(&first.id, Size::Full).is_file());
        assert!(photo_dir.path(&first.id, Size::Thumb).is_file());
        let refused = photos.accept(&resident, b"MZ\x90\x00 a program".to_vec()).await;
        assert!(matches!(refused, Err(Error::Invalid(f)) if f == vec![("photos".to_owned(), FieldError::NotAPhoto)]));

        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let form = |photos: String, key: &str| MatterForm {
            grid: grid.to_string(),
            category: "road_lighting".into(),
            title: "路灯不亮".into(),
            description: "3幢门口的路灯已经坏了一周。".into(),
            key: key.into(),
            photos,
            ..MatterForm::default()
        };
        let (id, _) = matters
            .report(&resident, &community, &form(first.id.to_string(), "photo-key-000000001"))
            .await
            .expect("report with a photo");
        let (detail, _) = matters.detail(&Actor::Anonymous, id).await.expect("detail");
        assert_eq!(detail.photos, vec![first]);

        let unknown = "f".repeat(64);
        let refused = matters.report(&resident, &community, &form(unknown, "photo-key-000000002")).await;
        assert!(matches!(refused, Err(Error::Invalid(f)) if f[0].0 == "photos"), "only photos that were uploaded");
    }
}

test_on_both_engines! {
    async fn photos_no_report_took_are_pruned_after_a_day(db: TestDb) {
        let clock = ManualClock::new(1_790_000_000_000);
        let city = small_city(&db.store, 3).await;
        let community = CommunityCode::parse(&city.communities[0].node.code).expect("valid");
        let grid = community.grid(1).expect("valid");
        let resident = person(&db.store, "prune@x.cn", &[]).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let photo_dir = PhotoDir::new(dir.path());
        let photos = Photos { store: &db.store, clock: &clock, dir: &photo_dir };
        let kept = photos.accept(&resident, encoded(&gradient(40, 40), ImageFormat::Png)).await.expect("stored");
        let orphan = photos.accept(&resident, encoded(&gradient(50, 30), ImageFormat::Png)).await.expect("stored");
        let matters = Matters { store: &db.store, clock: &clock, site: "http://linli.test" };
        let form = MatterForm {
            grid: grid.to_string(),
            category: "road_lighting".into(),
            title: "路灯不亮".into(),
            description: "3幢门口的路灯已经坏了一周。".into(),
            key: "prune-key-00000001".into(),
            photos: kept.id.to_string(),
            ..MatterForm::default()
        };
        matters.report(&resident, &community, &form).await.expect("report");

        assert_eq!(photos.prune().await.expect("prune"), 0, "a fresh upload waits for its report");
        clock.advance(linli_service::clock::DAY + 1);
        assert_eq!(photos.prune().await.expect("prune"), 1);
        assert!(!photo_dir.path(&orphan.id, Size::Full).exists() && !photo_dir.path(&orphan.id, Size::Thumb).exists());
        assert!(photo_dir.path(&kept.id, Size::Full).is_file(), "a matter's photo stays");
        assert!(db.store.known_photos(std::slice::from_ref(&orphan.id)).await.expect("read").is_empty());
        assert_eq!(photos.prune().await.expect("prune"), 0);
    }
}
