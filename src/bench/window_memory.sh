#!/bin/bash
# The window for 30 minutes under Xvfb (1280x800, pinned to core $CORE, default 1): a 10-epoch run started in the
# Training tab, a tab switch every minute, the resident memory each minute (clicks are at the 1280x800 layout's
# coordinates). The jar is copied first, so that a rebuild meanwhile does not pull classes from under the app.
CORE=${CORE:-1}
Xvfb :78 -screen 0 1280x800x24 >/dev/null 2>&1 & echo $! > /tmp/xvfb78.pid
sleep 1
cd "$(dirname "$0")/../.."
copy=$(mktemp -d); cp -r target/atelier.jar target/lib "$copy"/
DISPLAY=:78 taskset -c "$CORE" java -jar "$copy"/atelier.jar > /tmp/app-mem.log 2>&1 & echo $! > /tmp/app.pid
sleep 20
DISPLAY=:78 xdotool mousemove 305 18 click 1; sleep 3
DISPLAY=:78 xdotool mousemove 34 433 click 1
PID=$(cat /tmp/app.pid); start=$(date +%s)
tabs=(305 378 443 507 577 637 37 112 223 305)
for i in $(seq 1 30); do
  sleep 60
  x=${tabs[$((i % ${#tabs[@]}))]}
  DISPLAY=:78 xdotool mousemove $x 18 click 1
  echo "$(( ($(date +%s)-start)/60 )) min: $(ps -o rss= -p $PID | awk '{print int($1/1024)}') MB"
done
DISPLAY=:78 xdotool mousemove 305 18 click 1; sleep 2; DISPLAY=:78 import -window root /tmp/shot-after30.png
kill "$PID"; kill "$(cat /tmp/xvfb78.pid)"
