#!/bin/bash
# A real kill -9 of a reduced Fashion-MNIST study 1.5 s into epoch 2 of its first two runs (training side by side),
# then `study resume`: prints the state the kill left, each run's epochs before and after, and the "continued" lines.
cd "$(dirname "$0")/../.."
rm -rf /tmp/ws-kill
java -jar target/atelier.jar study run fashion-sheet --epochs 2 --limit-train 3000 --name killtest --workspace /tmp/ws-kill > /tmp/kill1.out 2> /tmp/kill1.err &
PID=$!
until grep -q "Baseline epoch 1:" /tmp/kill1.err; do sleep 0.2; done
sleep 1.5
kill -9 $PID; wait $PID 2>/dev/null
echo "killed at: $(grep -v 'batch [0-9]*/' /tmp/kill1.err | tail -3)"
python3 -c "
import json; s=json.load(open('/tmp/ws-kill/studies/killtest/state.json'))
for k,v in s['steps'].items(): print(k, v.get('status'), v.get('run'))"
for f in /tmp/ws-kill/runs/*/run.json; do python3 -c "
import json,sys; r=json.load(open('$f')); print(r['id'], r['status'], [(e['epoch'], round(e['testAccuracy'],4), round(e['trainLoss'],6)) for e in r['epochs']])"; done
java -jar target/atelier.jar study resume killtest --workspace /tmp/ws-kill --json > /tmp/kill2.out 2> /tmp/kill2.err
grep -i "continued\|restarted\|steps finished" /tmp/kill2.err
for f in /tmp/ws-kill/runs/*/run.json; do python3 -c "
import json,sys; r=json.load(open('$f')); print(r['id'], r['status'], [(e['epoch'], round(e['testAccuracy'],4), round(e['trainLoss'],6)) for e in r['epochs']])"; done
