#!/bin/sh
# Paired training throughput of Atelier's engine and PyTorch 1.13 (Debian's python3-torch), alternating, same
# architecture, recipe, batch 64 and 2 threads, for every row of issue 9's table. Run from the checkout after
# ./mvnw package; prints one JSON line per run (Atelier's carry "engine":"fast").
# usage: src/bench/engine_vs_torch.sh [ROUNDS] [SCALE]
ROUNDS=${1:-2}
SCALE=${2:-1}  # divides the batch counts, for a loaded machine
run_pair() { # name, torch args, atelier args, batches
  for r in $(seq 1 "$ROUNDS"); do
    /usr/bin/python3 /work/shared/bench/bench_torch_arch.py $2 --batches "$(($4 / SCALE))" --batch 64 --threads 2 --data data/mnist \
      | sed "s/^/torch $1: /"
    java -jar target/atelier.jar bench train $3 --dataset mnist --batches "$(($4 / SCALE))" --batch 64 \
      --threads 2 --json 2>/dev/null | sed "s/^/atelier $1: /"
  done
}
run_pair mnist-net "--arch mnist-net --optimizer adadelta" "--arch mnist-net --optimizer adadelta" 100
run_pair mnist-net-bn "--arch mnist-net-bn --optimizer adadelta" "--arch mnist-net-bn --optimizer adadelta" 100
run_pair encoder "--arch encoder --optimizer adadelta" "--arch encoder --optimizer adadelta" 100
run_pair resnet "--arch resnet --optimizer adadelta" "--arch resnet --optimizer adadelta" 100
run_pair mnist-net-frozen "--arch mnist-net --optimizer adadelta --freeze" \
  "--arch mnist-net --optimizer adadelta --freeze-all-but-last" 100
run_pair mnist-net-adam "--arch mnist-net --optimizer adam" "--arch mnist-net --optimizer adam" 100
run_pair vgg16-32 "--arch vgg16 --optimizer adadelta" "--arch vgg16 --optimizer adadelta" 20
