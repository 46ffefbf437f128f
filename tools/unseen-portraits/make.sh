#!/usr/bin/env bash
# Cuts 17 head-and-shoulders portraits out of the group photos that @vladmandic/face-api (MIT) ships as its demo, for
# the fidelity benchmark on faces nobody tuned the relief on (perf/README.md, `fidelity --portraits`). Not committed:
# the photos are the package's, fetched through npm and checked against the checksum below.
# Usage: tools/unseen-portraits/make.sh OUTPUT_DIR
set -euo pipefail
out=${1:?usage: $0 OUTPUT_DIR}
package=@vladmandic/face-api@1.7.15
sha256=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "$package" --silent >/dev/null)
echo "$sha256  $(ls "$tmp"/*.tgz)" | sha256sum --check --quiet
tar -xzf "$tmp"/*.tgz -C "$tmp" package/demo
mkdir -p "$out"
# name, photo, crop width, height, left, top (pixels): about 3.2 face heights square, the face 40 % down from the top.
# People facing the camera within about 30°, with hair to the crop's edge, tilted heads and neighbours at the side;
# left out: profiles and faces looking down at their lap.
while read -r name photo w h x y; do
  ffmpeg -nostdin -loglevel error -y -i "$tmp/package/demo/$photo" -vf "crop=$w:$h:$x:$y" "$out/$name.png"
done <<'CROPS'
s1_01 sample1.jpg 640 640 190 214
s1_02 sample1.jpg 640 640 1250 44
s2_17 sample2.jpg 640 640 1220 44
s3_03 sample3.jpg 640 640 360 204
s3_04 sample3.jpg 704 704 828 69
s3_05 sample3.jpg 640 640 1270 164
s4_06 sample4.jpg 640 640 430 0
s4_07 sample4.jpg 640 640 1040 0
s5_08 sample5.jpg 576 576 572 0
s5_09 sample5.jpg 576 576 402 310
s5_10 sample5.jpg 576 576 892 80
s5_11 sample5.jpg 640 640 1180 264
s5_12 sample5.jpg 640 640 150 744
s6_13 sample6.jpg 704 704 8 299
s6_14 sample6.jpg 704 704 418 189
s6_15 sample6.jpg 704 704 928 169
s6_16 sample6.jpg 704 704 1216 119
CROPS
echo "wrote $(ls "$out"/*.png | wc -l) portraits to $out"
