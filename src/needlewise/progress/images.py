"""Turning an upload into clean private files: checked, upright, colour-managed, metadata-free.

Nothing from the uploaded file survives except its pixels: EXIF (GPS included), XMP, comments
and the ICC profile are dropped by building a new image from the pixel data and encoding that.
The file name and declared content type are never trusted; the format is sniffed from the bytes
(so a PNG named .jpg is read as the PNG it is)."""

from __future__ import annotations

import io
import os
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
from django.conf import settings
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from needlewise.rules.errors import InputError

try:  # HEIC from iPhones; optional so a missing wheel never breaks JPEG and PNG
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover
    pass

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "HEIF", "MPO"}  # MPO: JPEGs from phones with a depth map
JPEG_QUALITY = 90
THUMB_SIZE = (480, 480)
_SRGB = ImageCms.createProfile("sRGB")


def photo_dir() -> Path:
    return Path(settings.DATA_DIR) / "private" / "photos"


def paths(token: str) -> tuple[Path, Path]:
    """The full-size file and the thumbnail of a photo."""
    base = photo_dir()
    return base / f"{token}.jpg", base / f"{token}.thumb.jpg"


@dataclass
class Clean:
    """A sanitised photo ready to write."""

    full: bytes
    thumb: bytes
    width: int
    height: int
    source_format: str


def _refuse(message: str) -> InputError:
    return InputError("image", message)


def _open(stream: IO[bytes]) -> Image.Image:
    """Open, check size and kind, verify, reopen and decode; every failure has a message."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream)
            if image.format not in FORMATS:
                raise _refuse(f"is a {image.format} file; send a JPEG, PNG or HEIC photo")
            if image.width * image.height > MAX_PIXELS:
                raise _bomb(image.width, image.height)
            image.verify()
            stream.seek(0)
            image = Image.open(stream)
            image.load()
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            f"claims to be larger than {MAX_PIXELS // 1_000_000} megapixels; "
            "take the photo again or send a smaller one"
        ) from None
    except UnidentifiedImageError:
        raise _refuse("is not a photo we can read; send a JPEG, PNG or HEIC photo") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(
            "is damaged or incomplete (perhaps the upload was cut short); please send it again"
        ) from None
    return image


def _bomb(width: int, height: int) -> InputError:
    return _refuse(
        f"is {width} × {height} pixels, more than {MAX_PIXELS // 1_000_000} megapixels; "
        "send a smaller photo"
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Plain 8-bit RGB in sRGB: converted through its ICC profile (e.g. Display P3) if any."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    image = image.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the pixels as they are
    return image


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)  # no exif=, no icc_profile=
    return out.getvalue()


#: What a file's name promises. A name with another ending (or none, as from some cameras)
#: is judged by its content alone.
NAMED_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".heic": "HEIF", ".heif": "HEIF"}


def _check_name(name: str, found: str) -> None:
    """A name that contradicts the content (a PNG called .jpg) is refused: something went wrong
    on the way, and the person should export the photo again rather than have it guessed."""
    ending = Path(name).suffix.lower()
    promised = NAMED_FORMATS.get(ending)
    if promised is not None and promised != found:
        raise _refuse(
            f"is named {ending} but holds a {found} image: export it again as a "
            "photo and upload that"
        )


def clean(stream: IO[bytes], size: int | None) -> Clean:
    """Check an uploaded image and re-encode its pixels alone; InputError says what is wrong."""
    if size is not None and size > MAX_BYTES:
        raise _refuse(
            f"is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"
        )
    if size == 0:
        raise _refuse("is empty")
    image = _open(stream)
    source_format = "HEIF" if image.format in ("HEIF", "HEIC") else str(image.format)
    _check_name(getattr(stream, "name", None) or "", source_format)
    upright = ImageOps.exif_transpose(image) or image
    rgb = _to_srgb(upright)
    pixels = Image.fromarray(np.asarray(rgb, dtype=np.uint8), "RGB")  # pixels only, no info
    thumb = pixels.copy()
    thumb.thumbnail(THUMB_SIZE)
    return Clean(
        full=_encode(pixels, JPEG_QUALITY),
        thumb=_encode(thumb, 85),
        width=pixels.width,
        height=pixels.height,
        source_format=source_format,
    )


def new_token() -> str:
    return secrets.token_urlsafe(24)


def write(token: str, data: Clean) -> None:
    """Write both files through temporary names then rename, so no half file is ever seen."""
    base = photo_dir()
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    written: list[Path] = []
    try:
        for target, content in zip(paths(token), (data.full, data.thumb), strict=True):
            temp = base / f".tmp-{secrets.token_hex(8)}"
            written.append(temp)
            with open(temp, "xb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, target)
            written[-1] = target
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def remove(token: str) -> None:
    for path in paths(token):
        path.unlink(missing_ok=True)


def load_pixels(token: str) -> np.ndarray:
    """The stored photo as a height × width × 3 uint8 array, for measuring."""
    with Image.open(paths(token)[0]) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)
