#!/bin/sh
# Install the packaged Lector for the current user, or remove it again.
#
#   ./install.sh              copy this folder to ~/.local/lib/lector, add the
#                             `lector` command, the menu entry and the icon
#   ./install.sh --uninstall  remove all of that (your settings and indexes stay)
#
# PREFIX=/usr/local sudo ./install.sh installs for everyone instead.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app=$prefix/lib/lector
bin=$prefix/bin/lector
desktop=$prefix/share/applications/lector.desktop
icons=$prefix/share/icons/hicolor

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app"
    rm -f "$bin" "$desktop" "$icons/256x256/apps/lector.png" "$icons/scalable/apps/lector.svg"
    echo "Lector removed from $prefix"
    exit 0
fi

if [ ! -x "$here/lector" ] || [ ! -d "$here/_internal" ]; then
    echo "install.sh: run me from the packaged lector folder (dist/lector after 'make dist')" >&2
    exit 1
fi

mkdir -p "$app" "$prefix/bin" "$prefix/share/applications" \
    "$icons/256x256/apps" "$icons/scalable/apps"
if [ "$here" != "$app" ]; then
    rm -rf "$app"
    cp -R "$here" "$app"
fi
ln -sf "$app/lector" "$bin"
cp "$app/_internal/resources/icons/lector.png" "$icons/256x256/apps/lector.png"
cp "$app/_internal/resources/icons/lector.svg" "$icons/scalable/apps/lector.svg"
sed "s|^Exec=lector|Exec=$app/lector|" "$app/lector.desktop" > "$desktop"
command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$prefix/share/applications" || true
echo "Lector installed in $app; start it from the menu or with: $bin"
