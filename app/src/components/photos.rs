//! Photos on pages: the strip of thumbnails that opens each photo, and the
//! file field of a form that carries photos.

use leptos::prelude::*;
use linli_model::{
    account::FieldError,
    matter::{PhotoId, PhotoView},
};

use crate::i18n::use_t;

/// A thumbnail's size as the server makes it: the photo scaled to fit
/// 320 × 320, so the page reserves the right space before it loads.
fn thumb_size(width: u32, height: u32) -> (u32, u32) {
    let long = width.max(height).max(1);
    let scale = |side: u32| (u64::from(side) * 320 / u64::from(long)).max(1) as u32;
    if long <= 320 {
        (width, height)
    } else {
        (scale(width), scale(height))
    }
}

/// Thumbnails, each a link to the full photo; their space is reserved so
/// the page does not jump as they load.
/// Photos as thumbnails; `reportable` adds a report link under each (a
/// matter's photos: people may report them to its moderators).
#[component]
pub fn PhotoStrip(photos: Vec<PhotoView>, #[prop(optional)] reportable: bool) -> impl IntoView {
    let t = use_t();
    view! {
        <ul class="photo-strip">
            {photos.into_iter().enumerate().map(|(i, p)| {
                let (width, height) = thumb_size(p.width, p.height);
                view! {
                    <li>
                        <a href=p.id.url()>
                            <img src=p.id.thumb_url() alt=(t.photo_alt)(i + 1) width=width height=height loading="lazy" />
                        </a>
                        {reportable.then(|| view! {
                            <crate::pages::moderation::ReportLink content=linli_model::moderation::Content::Photo(p.id.clone()) />
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Up to five photos. Photos the server already took (the form came back
/// because of another mistake) are shown and sent again by name.
#[component]
pub fn PhotoFields(kept: String, error: Option<FieldError>) -> impl IntoView {
    let t = use_t();
    let kept = PhotoId::parse_list(&kept).unwrap_or_default();
    let names = kept
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let count = kept.len();
    let thumbs = kept
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            view! {
                <li>
                    <img src=id.thumb_url() alt=(t.photo_alt)(i + 1) loading="lazy" />
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="field-photo">{t.photos_label}</label>
            {(count > 0).then(|| view! {
                <p class="hint" id="field-photo-kept">{(t.photos_kept)(count)}</p>
                <ul class="photo-strip">{thumbs}</ul>
            })}
            <input type="hidden" name="photos" value=names />
            <input
                id="field-photo"
                name="photo"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                aria-describedby=if error.is_some() { "field-photo-hint field-photo-error" } else { "field-photo-hint" }
                aria-invalid=if error.is_some() { "true" } else { "false" }
            />
            <p id="field-photo-hint" class="hint">{t.photos_hint}</p>
            {error.map(|e| view! { <p id="field-photo-error" class="field-error">{(t.field_error)(&e)}</p> })}
        </div>
    }
}
