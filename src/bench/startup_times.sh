#!/bin/bash
# Start the window N times under Xvfb (1280x800) and print the app's own start-up log lines of each start:
# "window shown", the dataset read, "first thumbnails" (all in ms after JVM start). Run from the checkout after
# ./mvnw package. usage: src/bench/startup_times.sh [N]
N=${1:-3}
LOG=${ATELIER_LOG:-$HOME/.atelier/logs/atelier.log}
for i in $(seq 1 "$N"); do
  display=$((80 + i))
  Xvfb :$display -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
  before=$(( $(wc -l < "$LOG") + 1 ))  # the first line this start writes
  DISPLAY=:$display java -jar target/atelier.jar >/dev/null 2>&1 & app=$!
  for t in $(seq 1 60); do
    sleep 0.5
    tail -n +"$before" "$LOG" | grep -q "first thumbnails" && break
  done
  tail -n +"$before" "$LOG" | grep "app\]" | grep -E "JavaFX started|window built|window shown|read in|first thumbnails" | sed 's/^.*\] //'
  kill -9 $app; kill $xvfb; wait $xvfb 2>/dev/null
  echo ---
done
