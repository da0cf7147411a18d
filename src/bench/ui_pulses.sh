#!/bin/bash
# UI frame stalls with ten overlaid runs: copies one finished run (e.g. a 10-epoch Fashion-MNIST run, ~9,400
# iteration points) ten times into a scratch workspace, opens Atelier under Xvfb with JavaFX's pulse logger,
# selects all ten runs in the Training tab, resizes the window, and prints the longest pulses (ms) of each step.
# Needs xvfb and xdotool (apt-get install -y xvfb xdotool) and target/atelier.jar. Usage: src/bench/ui_pulses.sh RUN_FOLDER [COPIES]
set -eu
run=$1; copies=${2:-10}
ws=$(mktemp -d); mkdir -p "$ws/runs"
for i in $(seq 0 $((copies - 1))); do
  d="$ws/runs/$(basename "$run")-copy-$i"; cp -r "$run" "$d"
  sed -i "0,/\"name\" *: *\"[^\"]*\"/s//\"name\": \"copy-$i\"/" "$d/run.json"
done
export DISPLAY=:98; Xvfb :98 -screen 0 1366x800x24 >/dev/null 2>&1 & xvfb=$!; sleep 2
log="$ws/pulses.log"
ATELIER_WORKSPACE=$ws java -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 -jar target/atelier.jar >"$log" 2>&1 & app=$!
sleep 12; w=$(xdotool search --name Atelier | head -1); xdotool windowmove "$w" 0 0 windowsize "$w" 1366 800; sleep 1
xdotool mousemove 198 18 click 1; sleep 3; xdotool mousemove 420 610 click 1; sleep 3
longest() { sed -n "$(($1 + 1)),$2p" "$log" | grep -o 'PULSE: [0-9]* \[[0-9]*ms:[0-9]*ms\]' | sed 's/.*:\([0-9]*\)ms\]/\1/' | sort -n | tail -4 | tr '\n' ' '; }
n0=$(wc -l <"$log"); [ "$copies" -gt 1 ] && xdotool key ctrl+a; sleep 8; n1=$(wc -l <"$log")
xdotool windowsize "$w" 1200 760; sleep 2; xdotool windowsize "$w" 1366 800; sleep 2; n2=$(wc -l <"$log")
echo "runs selected: $copies; longest pulses on selecting: $(longest "$n0" "$n1")ms; on resizing: $(longest "$n1" "$n2")ms"
kill "$app" "$xvfb"; rm -rf "$ws"
