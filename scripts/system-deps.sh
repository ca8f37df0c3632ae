#!/bin/sh
# Installs the system parts the app needs (libvlc, VLC plugins, a CJK font, dbus) when missing.
set -eu
missing=""
for pkg in "$@"; do
    if command -v dpkg-query >/dev/null 2>&1; then
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        case "$status" in *"install ok installed"*) continue ;; esac
    fi
    missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "Installing system packages:$missing"
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
    exit 0
fi

echo "Podcast Companion needs libvlc (VLC 3), VLC's base plugins and a CJK font." >&2
if command -v dnf >/dev/null 2>&1; then
    echo "Install them with:  sudo dnf install vlc-libs vlc-plugins-base wqy-microhei-fonts dbus" >&2
elif command -v pacman >/dev/null 2>&1; then
    echo "Install them with:  sudo pacman -S vlc wqy-microhei dbus" >&2
elif command -v zypper >/dev/null 2>&1; then
    echo "Install them with:  sudo zypper install libvlc5 vlc-codecs wqy-microhei-fonts dbus-1" >&2
elif command -v brew >/dev/null 2>&1; then
    echo "Install them with:  brew install --cask vlc" >&2
else
    echo "Install VLC 3 (libvlc and its plugins) and a CJK font with your system's package manager." >&2
fi
echo "Then run the same make command again." >&2
exit 1
