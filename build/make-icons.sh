#!/bin/sh
# Regenerates the icons from icon.svg. Needs librsvg2-bin (rsvg-convert),
# icnsutils (png2icns) and Node; on Debian:
#   apt-get install -y librsvg2-bin icnsutils
set -eu
cd "$(dirname "$0")"
mkdir -p icons
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" icon.svg -o "icons/${s}x${s}.png"
done
cp icons/1024x1024.png icon.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png
# icon.ico, and the retina images png2icns leaves out of icon.icns:
node icon-containers.mjs
