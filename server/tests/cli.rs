//! The `linli` binary as an operator uses it.

use std::process::Command;

fn linli(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_linli"))
        .args(args)
        .env("LINLI_DATABASE_URL", database_url)
        .env("LINLI_LOG", "warn")
        .output()
        .expect("run linli")
}

#[test]
fn a_bad_database_url_stops_start_up_with_one_line_naming_the_variable() {
    for (url, expected) in [
        (
            "mysql://root:hunter2@db/linli",
            "unsupported scheme \"mysql\"",
        ),
        ("sqlite:", "names no SQLite file"),
        ("", "is empty"),
    ] {
        let out = linli(url, &["migrate"]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("LINLI_DATABASE_URL"), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("hunter2"), "the password leaked: {stderr}");
    }
}

#[test]
fn migrate_seed_and_backup_on_sqlite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("linli.db").display());
    assert!(linli(&url, &["migrate"]).status.success());

    let seeded = linli(&url, &["seed", "--demo"]);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let again = linli(&url, &["seed", "--demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("a city is loaded already"));

    let backup = dir.path().join("copy.db");
    let out = linli(&url, &["backup", backup.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&backup).expect("backup exists").len() > 100_000);

    let refused = linli(&url, &["backup", backup.to_str().expect("utf-8")]);
    assert!(!refused.status.success(), "never overwrites a file");

    let verified = linli(&url, &["audit", "verify"]);
    assert!(verified.status.success());
    // The demo's deliberations were run through the service, which audits
    // the council's steps: the chain holds them all.
    let said = String::from_utf8_lossy(&verified.stdout);
    let entries: u32 = said
        .trim()
        .strip_prefix("audit log intact: ")
        .and_then(|rest| rest.strip_suffix(" entries"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected answer: {said}"));
    assert!(entries > 0, "the seeded steps are audited");

    let neither = linli(&url, &["seed"]);
    assert_eq!(
        neither.status.code(),
        Some(2),
        "seed needs --demo or --scale"
    );
}

#[test]
fn audit_verify_finds_a_forged_chain() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("linli.db");
    let url = format!("sqlite:{}", path.display());
    assert!(linli(&url, &["migrate"]).status.success());
    // Forge the head as an intruder with file access would.
    let forged = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_head SET seq = 3\"); c.commit()",
            path.to_str().expect("utf-8"),
        ])
        .status()
        .expect("python3");
    assert!(forged.success());
    let out = linli(&url, &["audit", "verify"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("audit log broken"));
}

/// The shipped binary commits allocator arenas as they are used and
/// returns freed pages soon (issue 22's memory target), while an
/// operator's `MIMALLOC_…` variables still win. mimalloc prints its
/// options when asked to be verbose.
#[test]
fn the_allocator_gives_memory_back_soon_unless_the_operator_says_otherwise() {
    let options = |env: &[(&str, &str)]| {
        let out = Command::new(env!("CARGO_BIN_EXE_linli"))
            .arg("--version")
            .env("MIMALLOC_VERBOSE", "1")
            .envs(env.iter().copied())
            .output()
            .expect("run linli");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let ours = options(&[]);
    assert!(ours.contains("option 'arena_eager_commit': 0 "), "{ours}");
    assert!(ours.contains("option 'purge_delay': 10 "), "{ours}");
    let theirs = options(&[("MIMALLOC_PURGE_DELAY", "250")]);
    assert!(theirs.contains("option 'purge_delay': 250 "), "{theirs}");
    assert!(
        theirs.contains("option 'arena_eager_commit': 0 "),
        "{theirs}"
    );
}
