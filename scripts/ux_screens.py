"""Copy the key screens of the browser suite's phone screenshots into docs/ux/ for docs/ux.md:
each cropped to its first screen (390 x 844) and reduced to a 128-colour palette, so the
pictures stay small in the repository. Run the browser tests named in docs/ux.md first."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
OUT = ROOT / "docs" / "ux"
SCREEN = (390, 844)
#: docs/ux/<name>.png from tests/e2e/artifacts/<source>.png
SHOTS = {
    "first-use-welcome": "first-use-welcome",
    "first-use-first-date": "first-use-first-date",
    "treatments-aftercare": "look-aftercare-chart",
    "treatments-plan": "look-plan-calendar",
    "sharing-client": "sharing-client-summary",
    "rulebook-index": "layout/phone/rulebook-index",
    "home": "layout/phone/home",
    "progress-photo": "progress-region-box",
}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    missing = [s for s in SHOTS.values() if not (ARTIFACTS / f"{s}.png").exists()]
    if missing:
        sys.stderr.write(f"missing (run the browser tests first): {', '.join(missing)}\n")
        return 1
    for name, source in SHOTS.items():
        with Image.open(ARTIFACTS / f"{source}.png") as image:
            height = min(image.height, image.width * SCREEN[1] // SCREEN[0])  # one screen
            screen = image.crop((0, 0, image.width, height))
            screen.convert("RGB").quantize(colors=128).save(OUT / f"{name}.png", optimize=True)
        sys.stdout.write(f"docs/ux/{name}.png\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
