#!/bin/sh
# Installs the system parts the app needs when missing: libvlc and VLC's base plugins, a CJK font,
# dbus (MPRIS), PHP with SQLite and curl (the sync tests' oPodSync server), and the shared libraries
# Qt's wheels expect from the system (GL, xcb, fontconfig).
# Arguments: Debian package names to check. Qt's libraries are checked by their file names.
set -eu
missing=""
have_pkg() {
    command -v dpkg-query >/dev/null 2>&1 || return 1
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
have_lib() {
    ldconfig -p 2>/dev/null | grep -q "$1 " || [ -e "/usr/lib/x86_64-linux-gnu/$1" ] \
        || [ -e "/usr/lib/aarch64-linux-gnu/$1" ] || [ -e "/usr/lib64/$1" ] || [ -e "/usr/lib/$1" ]
}
for pkg in "$@"; do
    have_pkg "$pkg" || missing="$missing $pkg"
done
# library file -> Debian/Ubuntu package that ships it
for pair in libGL.so.1:libgl1 libEGL.so.1:libegl1 libfontconfig.so.1:libfontconfig1 \
    libxkbcommon.so.0:libxkbcommon0 libxkbcommon-x11.so.0:libxkbcommon-x11-0 \
    libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3 libX11-xcb.so.1:libx11-xcb1 \
    libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
    libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-shape.so.0:libxcb-shape0 \
    libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 \
    libxcb-randr.so.0:libxcb-randr0 libxcb-xkb.so.1:libxcb-xkb1; do
    have_lib "${pair%%:*}" || missing="$missing ${pair#*:}"
done
[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "Installing system packages:$missing"
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
    exit 0
fi

echo "Podcast Companion needs libvlc (VLC 3), VLC's base plugins, a CJK font and Qt's system libraries." >&2
if command -v dnf >/dev/null 2>&1; then
    echo "Install them with:  sudo dnf install vlc-libs vlc-plugins-base wqy-microhei-fonts dbus mesa-libGL mesa-libEGL libxkbcommon-x11 xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image xcb-util-renderutil" >&2
elif command -v pacman >/dev/null 2>&1; then
    echo "Install them with:  sudo pacman -S vlc wqy-microhei dbus libglvnd libxkbcommon-x11 xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image xcb-util-renderutil" >&2
elif command -v zypper >/dev/null 2>&1; then
    echo "Install them with:  sudo zypper install libvlc5 vlc-codecs wqy-microhei-fonts dbus-1 libglvnd libxkbcommon-x11-0 libxcb-cursor0" >&2
elif command -v brew >/dev/null 2>&1; then
    echo "Install them with:  brew install --cask vlc" >&2
else
    echo "Install VLC 3 (libvlc and its plugins) and a CJK font with your system's package manager." >&2
fi
echo "Then run the same make command again." >&2
exit 1
