//! Forms that carry photos: `multipart/form-data` with up to five `photo`
//! files beside their text fields, or urlencoded without. Each photo is
//! made safe and stored as it is read; those accepted stay with the form
//! (in `photos`, by name) if something else needs fixing, so nobody picks
//! them again.

use std::collections::HashMap;

use axum::{
    Form,
    extract::{FromRequest, Multipart, Request, multipart::Field, multipart::MultipartError},
    http::{StatusCode, header},
};
use futures_util::StreamExt;
use linli_model::{
    account::{FieldError, FieldErrors},
    matter::{MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoId},
};
use linli_service::{Error, policy::Actor};

use crate::startup::AppState;

/// Longest text field read from a multipart form; each form's own rules
/// are far stricter, this only bounds memory.
const TEXT_FIELD_MAX: usize = 64 * 1024;

/// What a form with photos sent.
pub(crate) struct WithPhotos {
    /// Text fields by name (the last value of a repeated one).
    pub fields: HashMap<String, String>,
    /// Names of the stored photos: those the form carried back, then the
    /// new ones.
    pub photos: Vec<String>,
    /// Why photos were refused, by the `photos` field.
    pub errors: FieldErrors,
}

/// Reads one multipart field up to `cap` bytes. A longer one is read to
/// its end and dropped (`None`), so the browser gets an answer rather
/// than a reset connection.
async fn read_capped(field: &mut Field<'_>, cap: usize) -> Result<Option<Vec<u8>>, MultipartError> {
    let mut out = Some(Vec::new());
    while let Some(chunk) = field.chunk().await? {
        if let Some(bytes) = &mut out {
            if bytes.len() + chunk.len() > cap {
                out = None;
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
    }
    Ok(out)
}

pub(crate) async fn read(
    state: &AppState,
    actor: &Actor,
    request: Request,
) -> Result<WithPhotos, Error> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(fields) = Form::<HashMap<String, String>>::from_request(request, state)
            .await
            .map_err(|_| Error::invalid("title", FieldError::Required))?;
        let photos = carried(&fields);
        return Ok(WithPhotos {
            fields,
            photos,
            errors: Vec::new(),
        });
    }
    let too_large = || {
        (
            "photos".to_owned(),
            FieldError::FileTooLarge(MAX_PHOTO_BYTES / (1024 * 1024)),
        )
    };
    let mut parts = Multipart::from_request(request, state)
        .await
        .map_err(|_| Error::invalid("photos", FieldError::NotAPhoto))?;
    let mut fields = HashMap::new();
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut errors: FieldErrors = Vec::new();
    loop {
        let mut field = match parts.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The whole body was over the limit, or was not a form.
            Err(e) => {
                errors.push(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    ("photos".to_owned(), FieldError::NotAPhoto)
                });
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let cap = if name == "photo" {
            MAX_PHOTO_BYTES
        } else {
            TEXT_FIELD_MAX
        };
        let bytes = match read_capped(&mut field, cap).await {
            Ok(Some(bytes)) => bytes,
            Ok(None) if name == "photo" => {
                errors.push(too_large());
                continue;
            }
            Ok(None) => continue,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                errors.push(too_large());
                break;
            }
            Err(_) => break,
        };
        if name == "photo" {
            // A file input left empty still sends an empty part.
            if !bytes.is_empty() {
                files.push(bytes);
            }
            continue;
        }
        fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
    }
    let mut photos = carried(&fields);
    if photos.len() + files.len() > MAX_PHOTOS {
        errors.push(("photos".to_owned(), FieldError::LimitReached(MAX_PHOTOS)));
        files.truncate(MAX_PHOTOS.saturating_sub(photos.len()));
    }
    for bytes in files {
        match state.photos().accept(actor, bytes).await {
            Ok(photo) => {
                if !photos.contains(&photo.id.to_string()) {
                    photos.push(photo.id.to_string());
                }
            }
            Err(Error::Invalid(fields)) => errors.extend(fields),
            Err(e) => return Err(e),
        }
    }
    errors.dedup();
    Ok(WithPhotos {
        fields,
        photos,
        errors,
    })
}

/// Reads a body to its end and drops it. A browser still sending a form's
/// photos shows an answer given before then as a reset connection, not as
/// the answer (a session that ended while the form was open).
pub(crate) async fn discard(request: Request) {
    let mut body = request.into_body().into_data_stream();
    while let Some(Ok(_)) = body.next().await {}
}

/// The photos a form carried back by name.
fn carried(fields: &HashMap<String, String>) -> Vec<String> {
    fields
        .get("photos")
        .map(|p| PhotoId::parse_list(p).unwrap_or_default())
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}
