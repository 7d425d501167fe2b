#!/bin/sh
# The DAGMM protocol through the command line on KDDCUP99-shaped rows (KddData): the `normal.` rows
# are the anomalies; a random half of the other rows is the training set, the other half plus every
# `normal.` row the test set. Prints eval's f1 (the top share equal to the anomaly ratio flagged:
# the protocol's F1), roc_auc, and precision / recall / F1 at the threshold stored by train
# (contamination 0.05 of the training scores).
# Usage: bench/scripts/kdd_protocol.sh KDD.csv SEED MODEL [--param k=v ...]   (from the repository root)
set -e
csv=$1; seed=$2; model=$3; shift 3
dir=$(mktemp -d)
awk -F, -v seed="$seed" -v dir="$dir" 'BEGIN { srand(seed) }
  NR == 1 { print > (dir "/train.csv"); print > (dir "/test.csv"); print "index,label" > (dir "/truth.csv"); next }
  $NF == "normal." { print > (dir "/test.csv"); print t++ ",1" > (dir "/truth.csv"); next }
  rand() < 0.5 { print > (dir "/train.csv"); next }
  { print > (dir "/test.csv"); print t++ ",0" > (dir "/truth.csv") }' "$csv"
L="java --add-modules jdk.incubator.vector -jar models/target/latentad.jar"
$L train --model "$model" --data "csv:$dir/train.csv" --exclude label --seed "$seed" --quiet "$@" --save "$dir/m.lam"
scorer=$(case "$model" in aemlp) echo predictor;; dagmm) echo energy;; *) echo recon;; esac)
$L score --model "$dir/m.lam" --data "csv:$dir/test.csv" --exclude label --scorer "$scorer" --labels --quiet --out "$dir/s.csv"
echo "$model seed $seed: train $(($(wc -l < "$dir/train.csv") - 1)) rows, test $(($(wc -l < "$dir/test.csv") - 1)) rows"
$L eval --scores "$dir/s.csv" --truth "$dir/truth.csv" --metrics f1,roc_auc
rm -r "$dir"
