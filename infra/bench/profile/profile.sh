#!/usr/bin/env bash
# The profile of infra/bench/results/profile.md: a benchmark under JFR, then JfrTop's tables.
#   infra/bench/profile/profile.sh model DIR        bench model (a short run) -> DIR/model.jfr, DIR/model-*.md
#   infra/bench/profile/profile.sh streaming DIR    bench streaming (a short run) -> DIR/streaming.jfr, DIR/streaming-*.md
#   ... --analyse                                   only the tables, from the DIR/*.jfr already there
# The benchmarks' reports go to DIR too (infra/bench/results/ is left alone).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
what="${1:?model or streaming}"
dir="$(mkdir -p "${2:?output folder}" && cd "$2" && pwd)"
top=(java "$here/JfrTop.java")
jfr_opts="-XX:StartFlightRecording=filename=$dir/$what.jfr,settings=$here/reescreen.jfc -XX:FlightRecorderOptions=stackdepth=256"

case "$what" in
  model)
    if [ "${3:-}" != --analyse ]; then
      # One core for PyTorch too (issue 15's target is per core; its intra-op threads are invisible to JFR).
      OMP_NUM_THREADS=1 REESCREEN_JAVA_OPTS="$jfr_opts" "$root/reescreen" bench model --repetitions 0 --training-runs 1 \
        --out "$dir/model-report.md"
    fi
    categories=(
      --category 'engine: matmul (JNI)=PyTorchLibrary\.torchMatmul$'
      --category 'engine: element-wise add, sub, mul, div, relu, sqrt (JNI)=PyTorchLibrary\.torch(Add|Sub|Mul|TrueDivide|NNRelu|Sqrt)$'
      --category 'engine: tensor create, copy out, delete (JNI)=PyTorchLibrary\.'
      --category 'DJL Java side (NDManager, NDArray wrappers)=^ai\.djl\.'
      --category 'quantiles of the 1,920 draws (OrderStatistics)=OrderStatistics\.'
      --category 'Gaussian draws (input noise, residual factors)=Gaussian\.'
      --category 'input rows: noise rows and 64 Shapley coalitions, scaled=ScreeningModel\.(fillRows|put)$|StandardScaler\.'
      --category 'Shapley values from the coalitions=ScreeningModel\.shapley'
      --category 'summarise: means, intervals, P(high), out-of-domain, residual factors=ScreeningModel\.(summarise|residual)'
      --category 'other reescreen model code=^io\.reescreen\.model\.'
    )
    # ModelBenchmark.predictionTimings' lambdas, in order: batch 1; the engine call alone; batches of 64 and 1024 lots
    # (both made of 64-lot engine calls: ScreeningModel.MAX_ROWS_PER_CALL / 128 rows per lot).
    for part in 'batch-1:5' 'engine-alone:6' 'batch-64:7'; do
      "${top[@]}" "$dir/model.jfr" --threads main --within "ModelBenchmark\.lambda\\\$predictionTimings\\\$${part#*:}\$" \
        --top 20 "${categories[@]}" >"$dir/model-${part%%:*}.md"
    done
    ;;
  streaming)
    if [ "${3:-}" != --analyse ]; then
      REESCREEN_JAVA_OPTS="$jfr_opts" "$root/reescreen" bench streaming --readings 5000 --repetitions 1 --seconds 10 \
        --out "$dir/streaming-report.md"
    fi
    categories=(
      --category 'model: PyTorch engine (JNI)=^ai\.djl\.pytorch\.jni\.PyTorchLibrary\.'
      --category 'model: DJL Java side=^ai\.djl\.'
      --category 'model: Java side (draws, quantiles, Shapley, summaries)=^io\.reescreen\.model\.'
      --category 'metrics (Micrometer, Kafka sensors)=^io\.micrometer\.|\.metrics\.'
      --category 'logging=^ch\.qos\.logback\.|^org\.slf4j\.|^org\.apache\.logging\.'
      --category 'serde: Avro and registry=^org\.apache\.avro\.|^io\.apicurio\.|^io\.reescreen\.schemas\.|^com\.fasterxml\.jackson\.'
      --category 'state store: RocksDB (JNI)=^org\.rocksdb\.'
      --category 'state store: Streams store layers (cache, changelog, metered)=^org\.apache\.kafka\.streams\.state\.'
      --category 'Kafka client: waiting in epoll=^sun\.nio\.ch\.EPoll\.wait'
      --category 'Kafka client: consumer, producer, transactions, network=^org\.apache\.kafka\.clients\.|^org\.apache\.kafka\.common\.|^sun\.nio\.'
      --category 'Kafka Streams runtime (tasks, queues, punctuation, commit)=^org\.apache\.kafka\.streams\.'
      --category 'screener: decoding readings (its own Avro body scan)=^io\.reescreen\.screener\.decode\.'
      --category 'screener code (io.reescreen.screener)=^io\.reescreen\.'
    )
    # Every screener's stream thread (default and short commit interval, without the hop). Java and native samples
    # apart: JDK 17 samples one thread in native per period, shared by ~100 threads parked in epoll (JfrTop's comment).
    for events in java native; do
      "${top[@]}" "$dir/streaming.jfr" --threads 'bench-screener-.*-StreamThread-.*' --events "$events" --top 20 \
        "${categories[@]}" >"$dir/streaming-stream-thread-$events.md"
    done
    ;;
  *)
    echo "usage: $0 model|streaming DIR [--analyse]" >&2
    exit 2
    ;;
esac
echo "tables in $dir" >&2
