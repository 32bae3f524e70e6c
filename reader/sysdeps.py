"""Which system libraries Qt needs, so a missing one gets a clear message, not Qt's."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

# shared library -> Debian/Ubuntu package
OFFSCREEN = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}
X11 = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def qt_platform() -> str:
    """The platform plugin Qt will pick, as far as the environment tells."""
    explicit = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if explicit:
        return explicit
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def _loadable(library: str) -> bool:
    bundled = Path(getattr(sys, "_MEIPASS", "")) / library
    if getattr(sys, "frozen", False) and bundled.is_file():
        library = str(bundled)  # the packaged program brings its own copy
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_packages(platform: str | None = None) -> list[str]:
    """Debian packages to install before Qt can start on ``platform`` (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    platform = platform or qt_platform()
    needed = dict(OFFSCREEN)
    if platform == "xcb":
        needed |= X11
    return [pkg for lib, pkg in needed.items() if not _loadable(lib)]


def advice(missing: list[str]) -> str:
    return (
        "Lector needs system libraries that are not installed. On Debian or Ubuntu:\n"
        f"    sudo apt-get install {' '.join(missing)}"
    )


def main(argv: list[str]) -> int:
    """``python -m reader.sysdeps [offscreen|xcb]``: prints the apt command, exits 1 if any."""
    missing = missing_packages(argv[0] if argv else None)
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
