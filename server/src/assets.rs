//! The browser's files: found by their hashed names at start-up, served
//! precompressed, cached for a year.

use std::path::Path;

use axum::{
    Router,
    http::{HeaderValue, header},
};
use linli_app::Assets;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// The stylesheet, js and wasm the build wrote under `pkg/`. A release
/// build names them `linli.<hash>.<ext>`; a build without hashes keeps
/// the plain names, which are then what the pages link to.
pub fn find(site_root: &Path) -> Assets {
    let mut assets = Assets::default();
    let Ok(entries) = std::fs::read_dir(site_root.join("pkg")) else {
        return assets;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(hashed) = name.strip_prefix("linli.") else {
            continue;
        };
        let url = format!("/pkg/{name}");
        match hashed.rsplit_once('.') {
            Some((hash, "css")) if !hash.is_empty() => assets.css = url,
            Some((hash, "js")) if !hash.is_empty() => assets.js = url,
            Some((hash, "wasm")) if !hash.is_empty() => assets.wasm = url,
            _ => {}
        }
    }
    assets
}

/// `/pkg/…`: content-hashed, so each name means one content forever and
/// browsers may keep it a year without asking again. The build wrote
/// brotli and gzip copies beside each file (`cargo leptos build --release
/// --precompress`); they are sent as they are, with no compression per
/// request.
pub fn pkg(site_root: &Path) -> Router {
    Router::new()
        .fallback_service(
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_found_and_plain_ones_are_the_default() {
        let site = tempfile::tempdir().expect("temp dir");
        let pkg = site.path().join("pkg");
        std::fs::create_dir_all(&pkg).expect("pkg");
        assert_eq!(find(site.path()), Assets::default());
        for name in [
            "linli.AbC-1_x.css",
            "linli.AbC-1_x.css.br",
            "linli.Zz9.js",
            "linli.Zz9.js.gz",
            "linli.Qq7.wasm",
            "linli.d.ts",
        ] {
            std::fs::write(pkg.join(name), b"x").expect("write");
        }
        let found = find(site.path());
        assert_eq!(found.css, "/pkg/linli.AbC-1_x.css");
        assert_eq!(found.js, "/pkg/linli.Zz9.js");
        assert_eq!(found.wasm, "/pkg/linli.Qq7.wasm");
    }
}
