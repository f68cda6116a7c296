#!/usr/bin/env bash
# Renders the demo sets' sound and clips into packages/protocol/media/demo/, with Debian's tools:
#
#   apt-get install -y ffmpeg sox espeak-ng fonts-dejavu-core
#   scripts/render-demo-media.sh
#
# The rendered files are committed (CI does not run this). Their names are fixed below and in
# packages/protocol/src/demo/{nl,en}.json; like the photos', they say nothing of the answer (the
# first ten hex digits of the sha256 of "demo sound1 v1", "demo-nl clip1 v1", "demo-en clip1 v1").
#
# - sound-b30872cc44.ogg: a short sting, then a French voice counting to five (3-6-9, question 1 of
#   both sets: "in which language does this voice count to five?"). Opus, mono, about 10 KB.
# - clip-97d95a3e36.webm (nl) and clip-6e0983c7f7.webm (en): Collectief Geheugen clip 1 of each set,
#   its five keywords on slides with the summary read out in the set's language. VP9 + Opus,
#   480x270, about 60 KB.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/packages/protocol/media/demo"
font="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in ffmpeg ffprobe sox espeak-ng; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y ffmpeg sox espeak-ng" >&2; exit 1; }
done
[ -f "$font" ] || { echo "missing $font: apt-get install -y fonts-dejavu-core" >&2; exit 1; }

duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

# --- The sound: a two-note sting, a breath, then "un, deux, trois, quatre, cinq". -------------------
sox -n -r 24000 -c 1 "$work/sting.wav" synth 0.18 sine 660 fade 0 0.18 0.05 : synth 0.3 sine 990 fade 0 0.3 0.2
sox -n -r 24000 -c 1 "$work/breath.wav" trim 0 0.35
espeak-ng -v fr -s 120 -w "$work/voice-raw.wav" "un, deux, trois, quatre, cinq"
sox "$work/voice-raw.wav" -r 24000 -c 1 "$work/voice.wav" norm -3
sox "$work/sting.wav" "$work/breath.wav" "$work/voice.wav" "$work/sound.wav"
ffmpeg -v error -y -i "$work/sound.wav" -map_metadata -1 -c:a libopus -b:a 20k -ac 1 \
  "$out/sound-b30872cc44.ogg"

# --- A clip: slides (one per keyword, in the order they are said) over the summary read out. -------
# clip <file> <espeak voice> <summary> <slide>...
clip() {
  local file="$1" voice="$2" summary="$3"
  shift 3
  local slides=("$@") n=$# i filters
  espeak-ng -v "$voice" -s 150 -w "$work/narration-raw.wav" "$summary"
  sox "$work/narration-raw.wav" -r 24000 -c 1 "$work/narration.wav" norm -3 pad 0.3 0.5
  local total
  total="$(duration "$work/narration.wav")"
  # A yellow bar runs along the bottom as the clip plays.
  filters="[0][2]overlay=x='-w+W*t/${total}':y=H-8:eval=frame"
  for ((i = 0; i < n; i++)); do
    printf '%s' "${slides[$i]}" >"$work/slide-$i.txt"
    local from to
    from="$(echo "$total * $i / $n" | bc -l)"
    to="$(echo "$total * ($i + 1) / $n" | bc -l)"
    filters+=",drawtext=fontfile=$font:textfile=$work/slide-$i.txt:fontsize=30:fontcolor=white"
    filters+=":x=(w-text_w)/2:y=(h-text_h)/2:line_spacing=8:enable='between(t,$from,$to)'"
  done
  ffmpeg -v error -y -f lavfi -i "color=c=0x12315c:s=480x270:r=12:d=$total" -i "$work/narration.wav" \
    -f lavfi -i "color=c=0xffc933:s=480x8:r=12:d=$total" \
    -filter_complex "${filters}[v]" -map "[v]" -map 1:a -map_metadata -1 -c:v libvpx-vp9 -b:v 0 -crf 50 -deadline good -cpu-used 4 -g 120 \
    -pix_fmt yuv420p -c:a libopus -b:a 20k -ac 1 -shortest "$out/$file"
}

clip clip-97d95a3e36.webm nl \
  "Juli 1969. Een vierentwintigjarige Belg rijdt voor het eerst de Tour de France, en wint meteen. Eddy Merckx pakt de gele trui, de groene trui en de bolletjestrui. Zijn bijnaam: de Kannibaal. Hij laat voor de anderen niets over." \
  "Juli 1969" "Tour de France" "Eddy Merckx" "gele trui
groene trui
bolletjestrui" "de Kannibaal"

clip clip-6e0983c7f7.webm en \
  "July 1969. The Apollo 11 mission reaches the Moon. The lunar module, the Eagle, touches down in the Sea of Tranquillity. Neil Armstrong steps onto the surface: one small step for man, one giant leap for mankind. Buzz Aldrin follows him." \
  "July 1969" "Apollo 11" "the Eagle" "Neil Armstrong
one small step" "Buzz Aldrin"

ls -l "$out"/sound-*.ogg "$out"/clip-*.webm
