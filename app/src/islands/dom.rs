//! The few DOM operations the islands share.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub fn element(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// The value of the form field with this id ("" when there is none).
pub fn field_value(id: &str) -> String {
    let Some(element) = element(id) else {
        return String::new();
    };
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

pub fn set_field_value(id: &str, value: &str) {
    if let Some(input) = element(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value(value);
    }
}

/// Fetches `url` as the signed-in person would see it and puts its elements
/// with these ids in place of the page's own; a region someone is typing
/// in, or has changed a field of, is left alone, so nothing typed is lost.
/// Returns whether any region changed.
pub async fn refresh_regions(url: &str, ids: &[String]) -> bool {
    let Some(fresh) = fetch_document(url).await else {
        return false;
    };
    let Some(page) = document() else {
        return false;
    };
    let mut changed = false;
    for id in ids {
        let (Some(new), Some(old)) = (fresh.get_element_by_id(id), page.get_element_by_id(id))
        else {
            continue;
        };
        if new.outer_html() != old.outer_html() && !in_use(&page, &old) {
            changed |= old.replace_with_with_node_1(&new).is_ok();
        }
    }
    changed
}

async fn fetch_document(url: &str) -> Option<Document> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&text, web_sys::SupportedType::TextHtml)
        .ok()
}

/// Whether someone is typing in `region` or has changed one of its fields.
fn in_use(page: &Document, region: &Element) -> bool {
    let focused = page
        .active_element()
        .filter(|a| region.contains(Some(a)))
        .is_some_and(|a| matches!(a.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if focused {
        return true;
    }
    let Ok(fields) = region.query_selector_all("input, textarea") else {
        return false;
    };
    (0..fields.length())
        .filter_map(|i| fields.item(i))
        .any(|node| {
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                input.value() != input.default_value() || input.checked() != input.default_checked()
            } else if let Some(text) = node.dyn_ref::<HtmlTextAreaElement>() {
                text.default_value()
                    .is_ok_and(|initial| text.value() != initial)
            } else {
                false
            }
        })
}

/// Calls `f` for each `event` on the element with this id, for as long
/// as the page lives.
pub fn listen(id: &str, event: &str, f: impl Fn(web_sys::Event) + 'static) {
    let Some(target) = element(id) else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
    callback.forget();
}

/// `text` encoded for a URL query value.
pub fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}
