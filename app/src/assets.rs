//! The browser's files and the one script that loads them.

/// Where the stylesheet and the islands' js and wasm are served from. The
/// release build gives them content-hashed names (so they can be cached
/// for a year); the server finds those names when it starts
/// (`server/src/assets.rs`) and hands them to the app as context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    pub css: String,
    pub js: String,
    pub wasm: String,
}

impl Default for Assets {
    /// The names an unhashed build writes.
    fn default() -> Self {
        Self {
            css: "/pkg/linli.css".into(),
            js: "/pkg/linli.js".into(),
            wasm: "/pkg/linli.wasm".into(),
        }
    }
}

impl Assets {
    /// The page's only script. A page without islands downloads no js and
    /// no wasm at all; one with islands fetches both at once, wakes each
    /// island, then marks the document (tests wait for the mark).
    pub fn loader(&self) -> String {
        format!(
            r#"if (document.querySelector("leptos-island")) {{
  const wasm = fetch("{wasm}");
  import("{js}").then(async (client) => {{
    await client.default({{ module_or_path: wasm }});
    client.hydrate();
    for (const island of document.querySelectorAll("leptos-island")) {{
      client[island.dataset.component]?.(island);
    }}
    document.documentElement.dataset.hydrated = "true";
  }});
}}"#,
            wasm = self.wasm,
            js = self.js,
        )
    }
}
