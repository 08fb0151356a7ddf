//! Photos residents attach to reports. Every upload is sniffed by content,
//! decoded under limits (so a small file that expands to gigabytes is
//! refused before it is expanded), turned upright, scaled down and
//! re-encoded as JPEG. Re-encoding drops every byte of the original's
//! metadata, GPS position included; only pixels survive.
//!
//! Files live under the data directory, named by the SHA-256 of what was
//! written, so the same photo sent twice is stored once and a name can
//! never point outside the directory. Several server instances need that
//! directory shared; the `photo` table records what exists, for all.

use std::{
    io::Cursor,
    path::{Path, PathBuf},
};

use image::{
    DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage,
    codecs::jpeg::JpegEncoder, imageops::FilterType,
};
use linli_model::{
    account::FieldError,
    matter::{MAX_PHOTO_BYTES, PhotoId, PhotoView},
};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{
    Error, Result, Store,
    clock::Clock,
    policy::{Action, Actor, may},
};

/// Longest side kept; phone photos are larger than any screen needs.
pub const MAX_SIDE: u32 = 2560;
/// Longest side of a thumbnail.
pub const THUMB_SIDE: u32 = 320;
/// Pixels a photo may have, in millions: a 48 MP phone camera fits; a
/// decompression bomb does not.
pub const MAX_MEGAPIXELS: u64 = 50;
/// Widest or tallest picture decoded at all.
const MAX_DIMENSION: u32 = 16_384;
/// Memory one decode may take.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
const QUALITY: u8 = 82;

/// Decoding is the costly part: at most two at once per instance, so a
/// burst of uploads queues instead of exhausting memory.
static DECODING: Semaphore = Semaphore::const_new(2);

/// A photo made safe to publish.
#[derive(Debug, Clone)]
pub struct Processed {
    pub id: PhotoId,
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn too_many_pixels() -> FieldError {
    FieldError::TooManyPixels(MAX_MEGAPIXELS as usize)
}

/// Checks, decodes and re-encodes one uploaded file. CPU-bound: call it
/// off the async threads (see [`Photos::accept`]).
pub fn process(bytes: &[u8]) -> Result<Processed, FieldError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(FieldError::FileTooLarge(MAX_PHOTO_BYTES / (1024 * 1024)));
    }
    let format = image::guess_format(bytes).map_err(|_| FieldError::NotAPhoto)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(FieldError::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let unreadable = |e: ImageError| match e {
        ImageError::Limits(_) => too_many_pixels(),
        _ => FieldError::NotAPhoto,
    };
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_MEGAPIXELS * 1_000_000 {
        return Err(too_many_pixels());
    }
    // A missing or odd orientation tag is no reason to refuse a photo.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let full = flatten(&picture);
    let thumb = flatten(&picture.thumbnail(THUMB_SIDE, THUMB_SIDE));
    let full = encode(&full)?;
    let thumb = encode(&thumb)?;
    let id = PhotoId::parse(&hex::encode(Sha256::digest(&full))).ok_or(FieldError::NotAPhoto)?;
    Ok(Processed {
        id,
        full,
        thumb,
        width: picture.width(),
        height: picture.height(),
    })
}

/// RGB on white: JPEG has no transparency, and a transparent PNG's hidden
/// pixels are often black.
fn flatten(picture: &DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let rgba = picture.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

fn encode(picture: &RgbImage) -> Result<Vec<u8>, FieldError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(picture)
        .map_err(|_| FieldError::NotAPhoto)?;
    Ok(out)
}

/// Which stored file a URL asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Full,
    Thumb,
}

/// The photo directory.
#[derive(Debug, Clone)]
pub struct PhotoDir {
    root: PathBuf,
}

impl PhotoDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn path(&self, id: &PhotoId, size: Size) -> PathBuf {
        let name = match size {
            Size::Full => format!("{id}.jpg"),
            Size::Thumb => format!("{id}.thumb.jpg"),
        };
        self.root.join(&id.as_str()[..2]).join(name)
    }

    /// Reads a URL's last segment (`HASH.jpg` or `HASH.thumb.jpg`).
    pub fn parse_name(name: &str) -> Option<(PhotoId, Size)> {
        if let Some(hash) = name.strip_suffix(".thumb.jpg") {
            return PhotoId::parse(hash).map(|id| (id, Size::Thumb));
        }
        let hash = name.strip_suffix(".jpg")?;
        PhotoId::parse(hash).map(|id| (id, Size::Full))
    }

    async fn write(&self, photo: &Processed) -> std::io::Result<()> {
        for (size, bytes) in [(Size::Thumb, &photo.thumb), (Size::Full, &photo.full)] {
            let path = self.path(&photo.id, size);
            if tokio::fs::try_exists(&path).await.unwrap_or(false) {
                continue;
            }
            let dir = path.parent().unwrap_or(Path::new("."));
            tokio::fs::create_dir_all(dir).await?;
            // Write beside, then rename: a reader never sees half a file.
            let partial = dir.join(format!(".{}.{:016x}", photo.id, {
                use rand_core::RngCore;
                rand_core::OsRng.next_u64()
            }));
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Photos<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub dir: &'a PhotoDir,
}

impl Photos<'_> {
    /// Takes one uploaded file from someone who may report. A file that is
    /// not a usable photo is a field error on `photos`.
    pub async fn accept(&self, actor: &Actor, bytes: Vec<u8>) -> Result<PhotoView> {
        may(actor, &Action::Report)?;
        if bytes.len() > MAX_PHOTO_BYTES {
            return Err(Error::invalid(
                "photos",
                FieldError::FileTooLarge(MAX_PHOTO_BYTES / (1024 * 1024)),
            ));
        }
        let _permit = DECODING
            .acquire()
            .await
            .map_err(|e| Error::Internal(e.into()))?;
        let photo = tokio::task::spawn_blocking(move || process(&bytes))
            .await
            .map_err(|e| Error::Internal(e.into()))?
            .map_err(|e| Error::invalid("photos", e))?;
        self.dir
            .write(&photo)
            .await
            .map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing a photo")))?;
        self.store.save_photo(&photo, self.clock.now()).await?;
        Ok(PhotoView {
            id: photo.id,
            width: photo.width,
            height: photo.height,
        })
    }
}

/// How long an upload may wait for its report before it is pruned: a
/// form that came back with a mistake keeps its photos this long.
pub const UNATTACHED_KEPT: crate::clock::Millis = crate::clock::DAY;

impl Photos<'_> {
    /// Deletes photos no report took within [`UNATTACHED_KEPT`]: the row
    /// first (so no new report can take it), then its files. Returns how
    /// many went.
    pub async fn prune(&self) -> Result<usize> {
        let cutoff = self.clock.now() - UNATTACHED_KEPT;
        let mut pruned = 0;
        for id in self.store.unattached_photos(cutoff).await? {
            if !self.store.forget_photo(&id).await? {
                continue;
            }
            for size in [Size::Full, Size::Thumb] {
                match tokio::fs::remove_file(self.dir.path(&id, size)).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(Error::Internal(
                            anyhow::Error::new(e).context("removing a photo"),
                        ));
                    }
                }
            }
            pruned += 1;
        }
        Ok(pruned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_urls_name_only_photos() {
        let id = "ab".repeat(32);
        assert_eq!(
            PhotoDir::parse_name(&format!("{id}.jpg")).map(|(_, s)| s),
            Some(Size::Full)
        );
        assert_eq!(
            PhotoDir::parse_name(&format!("{id}.thumb.jpg")).map(|(_, s)| s),
            Some(Size::Thumb)
        );
        for bad in [
            "../../etc/passwd",
            "x.jpg",
            &format!("{id}.png"),
            id.as_str(),
        ] {
            assert_eq!(PhotoDir::parse_name(bad), None, "{bad}");
        }
        let dir = PhotoDir::new("/data/photos");
        let (pid, _) = PhotoDir::parse_name(&format!("{id}.jpg")).expect("valid");
        assert_eq!(
            dir.path(&pid, Size::Thumb),
            PathBuf::from(format!("/data/photos/ab/{id}.thumb.jpg"))
        );
    }
}
