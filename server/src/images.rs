//! Pictures members upload: recognised by their content (JPEG, PNG or WebP, whatever the file is
//! called), size-checked before they are decoded, turned upright, and re-encoded as a display
//! copy and a thumbnail. Re-encoding from pixels drops everything else the file carried: EXIF
//! (camera, GPS position), comments, colour profiles, scripts hidden in metadata.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Largest picture accepted, in pixels (a 40-megapixel camera); bigger ones could exhaust memory
/// when decoded, whatever their file size.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of the copy shown on a listing's page.
pub const DISPLAY_SIDE: u32 = 1600;
/// Longest side of the thumbnail shown on cards and in galleries.
pub const THUMB_SIDE: u32 = 480;
/// JPEG quality of both copies.
const QUALITY: u8 = 82;

/// A picture ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    /// JPEG, at most [`DISPLAY_SIDE`] on its longest side.
    pub display: Vec<u8>,
    /// JPEG, at most [`THUMB_SIDE`] on its longest side.
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a file was refused; the code is what the form shows, translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a JPEG, PNG or WebP picture, by its content.
    NotAnImage,
    /// Over [`MAX_FILE_BYTES`] or [`MAX_PIXELS`].
    TooLarge,
    /// Says it is a picture but cannot be decoded.
    Unreadable,
}

impl Refusal {
    /// The field error code.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotAnImage => "not_an_image",
            Self::TooLarge => "image_too_large",
            Self::Unreadable => "image_unreadable",
        }
    }
}

/// Checks and converts one uploaded file. CPU-bound: run it on the blocking pool.
pub fn process(bytes: &[u8]) -> Result<Processed, Refusal> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Refusal::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(Refusal::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refusal::Unreadable)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Refusal::TooLarge);
    }
    if w == 0 || h == 0 {
        return Err(Refusal::Unreadable);
    }
    // Phones store pictures sideways with an EXIF note to turn them: turn them before the note
    // is dropped.
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => Refusal::TooLarge,
        _ => Refusal::Unreadable,
    })?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    // JPEG has no transparency: transparent parts become white, not black.
    let picture = flatten(picture);
    let display = shrink(&picture, DISPLAY_SIDE);
    let thumb = shrink(&display, THUMB_SIDE);
    Ok(Processed {
        width: display.width(),
        height: display.height(),
        display: jpeg(&display)?,
        thumb: jpeg(&thumb)?,
    })
}

fn flatten(picture: DynamicImage) -> DynamicImage {
    if !picture.color().has_alpha() {
        return DynamicImage::ImageRgb8(picture.into_rgb8());
    }
    let rgba = picture.into_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(px[3]);
        for c in 0..3 {
            out[c] = ((u16::from(px[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    DynamicImage::ImageRgb8(rgb)
}

fn shrink(picture: &DynamicImage, side: u32) -> DynamicImage {
    if picture.width() <= side && picture.height() <= side {
        picture.clone()
    } else {
        picture.resize(side, side, image::imageops::FilterType::Triangle)
    }
}

fn jpeg(picture: &DynamicImage) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY);
    picture
        .write_with_encoder(encoder)
        .map_err(|_| Refusal::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbaImage::from_pixel(w, h, image::Rgba([10, 200, 30, 0]))
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn pictures_are_shrunk_to_a_display_copy_and_a_thumbnail() {
        let done = process(&png(3000, 1500)).unwrap();
        assert_eq!((done.width, done.height), (1600, 800));
        let thumb = image::load_from_memory(&done.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (480, 240));
        assert_eq!(
            image::guess_format(&done.display).unwrap(),
            ImageFormat::Jpeg
        );
        // Transparent became white.
        let px = image::load_from_memory(&done.thumb).unwrap().to_rgb8()[(5, 5)];
        assert!(px.0.iter().all(|&c| c > 240), "{px:?}");
        // Small pictures keep their size.
        let small = process(&png(300, 200)).unwrap();
        assert_eq!((small.width, small.height), (300, 200));
    }

    #[test]
    fn files_are_judged_by_their_content_not_their_name() {
        assert_eq!(
            process(b"GIF89a not really").unwrap_err(),
            Refusal::NotAnImage
        );
        assert_eq!(
            process(b"<svg onload=alert(1)>").unwrap_err(),
            Refusal::NotAnImage
        );
        assert_eq!(
            process(&vec![0u8; MAX_FILE_BYTES + 1]).unwrap_err(),
            Refusal::TooLarge
        );
        let mut truncated = png(100, 100);
        truncated.truncate(60);
        assert_eq!(process(&truncated).unwrap_err(), Refusal::Unreadable);
    }
}
