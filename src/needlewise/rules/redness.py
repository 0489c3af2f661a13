"""Redness from a photograph: mean CIELAB a* (D65) of a region, optionally white-balanced on a card.

Pure numpy. Colour is measured on the sRGB pixels the camera wrote: a camera's JPEG is not a
colorimeter, so readings are only comparable between photos taken under the same conditions
(facts §9: Yamamoto 2008, PMC10247498), and no validated a* threshold for abnormal redness after
microneedling exists. Callers compare a reading with the same person's own baseline, never with
an absolute limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from needlewise.rules.errors import InputError

#: Linear sRGB -> CIE XYZ for the D65 white point (IEC 61966-2-1).
RGB_TO_XYZ: npt.NDArray[np.float64] = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
#: The D65 reference white, as XYZ with Y = 1.
WHITE_D65: npt.NDArray[np.float64] = RGB_TO_XYZ.sum(axis=1)
_EPSILON = 216 / 24389
_KAPPA = 24389 / 27
#: Pixels converted at a time: bounds memory on a 12-megapixel photo and stays in cache.
_CHUNK_PIXELS = 1 << 18
#: A card darker than this (linear luminance) cannot be trusted to set the white balance.
MIN_CARD_LUMINANCE = 0.02


def _srgb_lut() -> npt.NDArray[np.float32]:
    v = np.arange(256, dtype=np.float64) / 255.0
    linear = np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)
    return linear.astype(np.float32)


_LUT = _srgb_lut()
#: Linear sRGB -> XYZ divided by the white point, the form CIELAB needs.
_XYZ_OVER_WHITE: npt.NDArray[np.float32] = (RGB_TO_XYZ / WHITE_D65[:, None]).astype(np.float32)


@dataclass(frozen=True)
class Region:
    """A rectangle in pixels: left, top, width, height."""

    x: int
    y: int
    w: int
    h: int

    def check(self, width: int, height: int, field: str) -> None:
        """Raise InputError unless the region is non-empty and inside a width × height image."""
        if min(self.x, self.y) < 0 or min(self.w, self.h) < 1:
            raise InputError(field, "needs a left and top of 0 or more and a size of at least 1")
        if self.x + self.w > width or self.y + self.h > height:
            raise InputError(field, f"goes outside the photo, which is {width} × {height} pixels")


@dataclass(frozen=True)
class Reading:
    """Mean CIELAB of a region: a* is redness (+) / greenness (−)."""

    a_star: float
    l_star: float
    b_star: float
    pixels: int
    corrected: bool
    gains: tuple[float, float, float] | None = None


def srgb_to_linear(rgb: npt.NDArray[np.generic]) -> npt.NDArray[np.float32]:
    """8-bit sRGB (uint8) or 0..1 floats -> linear light, float32."""
    if rgb.dtype == np.uint8:
        lut: npt.NDArray[np.float32] = _LUT[rgb]
        return lut
    v = np.clip(np.asarray(rgb, dtype=np.float32), 0.0, 1.0)
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4).astype(np.float32)


def _f(t: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """CIELAB's companding function; the linear toe only where needed (it is rare on skin)."""
    out: npt.NDArray[np.float32] = np.cbrt(t).astype(np.float32, copy=False)
    small = t <= _EPSILON
    if small.any():
        out[small] = (_KAPPA * t[small] + 16) / 116
    return out


def linear_to_lab(linear: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Linear sRGB (..., 3) -> CIELAB (..., 3) under D65."""
    xyz = _f(linear @ _XYZ_OVER_WHITE.T)
    fx, fy, fz = xyz[..., 0], xyz[..., 1], xyz[..., 2]
    return np.stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], axis=-1)


def lab_to_srgb(lab: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """CIELAB (..., 3) -> sRGB 0..1 (clipped); the inverse used to build test images."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    t = np.where(f**3 > _EPSILON, f**3, (116 * f - 16) / _KAPPA)
    xyz = t * WHITE_D65
    linear = np.clip(xyz @ np.linalg.inv(RGB_TO_XYZ).T, 0.0, 1.0)
    srgb = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return np.asarray(np.clip(srgb, 0.0, 1.0), dtype=np.float64)


def _crop(image: npt.NDArray[np.generic], region: Region) -> npt.NDArray[np.generic]:
    return image[region.y : region.y + region.h, region.x : region.x + region.w, :3]


def card_gains(image: npt.NDArray[np.generic], card: Region) -> tuple[float, float, float]:
    """Per-channel gains that make the card's mean colour neutral.

    A diagonal (von Kries-type) correction in linear sRGB: the card is assumed white or grey.
    Channels are raised to the card's brightest one, so a cast that dims some channels (a warm
    lamp) is undone without guessing the exposure."""
    mean = srgb_to_linear(_crop(image, card)).reshape(-1, 3).mean(axis=0, dtype=np.float64)
    luminance = float(RGB_TO_XYZ[1] @ mean)
    if luminance < MIN_CARD_LUMINANCE or float(mean.min()) <= 0:
        raise InputError("card", "is too dark to balance the colours on; mark the white card")
    gains = float(mean.max()) / mean
    return float(gains[0]), float(gains[1]), float(gains[2])


def measure(
    image: npt.NDArray[np.generic],
    roi: Region | None = None,
    card: Region | None = None,
) -> Reading:
    """Mean L*, a*, b* over `roi` (default: the whole image), white-balanced on `card` if given.

    `image` is height × width × 3 (or 4; alpha is ignored), uint8 sRGB or 0..1 floats."""
    if image.ndim != 3 or image.shape[2] < 3:
        raise InputError("image", "must be a colour image (height × width × 3)")
    height, width = int(image.shape[0]), int(image.shape[1])
    roi = roi or Region(0, 0, width, height)
    roi.check(width, height, "region")
    gains: tuple[float, float, float] | None = None
    if card is not None:
        card.check(width, height, "card")
        gains = card_gains(image, card)
    sums = _sum_f(_crop(image, roi), gains)
    count = roi.w * roi.h
    fx, fy, fz = (v / count for v in sums)
    return Reading(
        a_star=500 * (fx - fy),
        l_star=116 * fy - 16,
        b_star=200 * (fy - fz),
        pixels=count,
        corrected=gains is not None,
        gains=gains,
    )


def _sum_f(
    pixels: npt.NDArray[np.generic], gains: tuple[float, float, float] | None
) -> tuple[float, float, float]:
    """Sums of f(X/Xn), f(Y/Yn), f(Z/Zn) over the pixels, a band of rows at a time.

    L*, a* and b* are linear in these, so their means give the mean L*, a* and b* exactly,
    without building a Lab array the size of the photo."""
    m = _XYZ_OVER_WHITE
    rows = max(1, _CHUNK_PIXELS // max(1, pixels.shape[1]))
    sx = sy = sz = 0.0
    for top in range(0, pixels.shape[0], rows):
        band = srgb_to_linear(pixels[top : top + rows])
        r, g, b = band[..., 0], band[..., 1], band[..., 2]
        if gains is not None:
            r, g, b = (np.minimum(c * k, 1.0) for c, k in zip((r, g, b), gains, strict=True))
        sx += float(_f(m[0, 0] * r + m[0, 1] * g + m[0, 2] * b).sum(dtype=np.float64))
        sy += float(_f(m[1, 0] * r + m[1, 1] * g + m[1, 2] * b).sum(dtype=np.float64))
        sz += float(_f(m[2, 0] * r + m[2, 1] * g + m[2, 2] * b).sum(dtype=np.float64))
    return sx, sy, sz


def above_baseline(current: float, baseline: float) -> float:
    """How far a* is above (+) or below (−) the person's own baseline, in a* units."""
    return round(current - baseline, 1)


def describe_change(delta: float, whose: str = "your") -> str:
    """ "+4.1 a* above your baseline", in words that make no verdict; `whose` names the person
    to someone else ("Alice's")."""
    if abs(delta) < 0.05:
        return f"the same a* as {whose} baseline"
    side = "above" if delta > 0 else "below"
    return f"{delta:+.1f} a* {side} {whose} baseline"
