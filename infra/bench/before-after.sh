#!/usr/bin/env bash
# Before/after in one run: an old commit's benchmark beside this checkout's, alternated on the same machine.
#   infra/bench/before-after.sh REF model|streaming [bench options] [--new-only options for the new build only]
# REF (a commit, branch or tag) is checked out in a scratch git worktree and built there with its own ./reescreen
# (a self-contained infra/launcher/target/lib; nothing is installed into ~/.m2). Then old, new, old, new ... each run
# `./reescreen bench WHAT [options] --out DIR/old-1.md` (uptime logged before each), and BeforeAfter.java merges the
# reports into DIR/before-after.md: per figure, each build's median and min-max and the ratio new / old.
# Environment: PAIRS (old+new pairs, default 2), DIR (default /tmp/reescreen-before-after-WHAT-TIME),
# KEEP_BEFORE=1 keeps the scratch worktree, BEFORE_CHECKOUT=PATH uses a checkout already built instead of REF's,
# REESCREEN_DATA_DIR (default: ../shared/data beside this checkout), OMP_NUM_THREADS (bench model: default 1, the
# issue's per-core figures).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
usage="usage: $0 REF model|streaming [bench options] [--new-only options]"
ref="${1:?$usage}"
what="${2:?$usage}"
shift 2
case "$what" in
  model) section=(--section '\(d\)') ;;   # the timings; (a)-(c) are seeded accuracy figures, equal by construction
  streaming) section=() ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
common=()
new_only=()
while [ $# -gt 0 ]; do
  if [ "$1" = --new-only ]; then
    shift
    new_only=("$@")
    break
  fi
  common+=("$1")
  shift
done
pairs="${PAIRS:-2}"
dir="${DIR:-/tmp/reescreen-before-after-$what-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
export REESCREEN_DATA_DIR="${REESCREEN_DATA_DIR:-$(cd "$root/.." && pwd)/shared/data}"
if [ "$what" = model ]; then
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
fi

old_sha="$(git -C "$root" rev-parse --verify "$ref^{commit}")"
if [ -n "${BEFORE_CHECKOUT:-}" ]; then
  before="$(cd "$BEFORE_CHECKOUT" && pwd)"
else
  before="$dir/before"
  git -C "$root" worktree add --detach "$before" "$old_sha" >&2
  if [ "${KEEP_BEFORE:-0}" != 1 ]; then
    trap 'git -C "$root" worktree remove --force "$before" >/dev/null 2>&1 || true' EXIT
  fi
fi

# ./reescreen builds when its jar is missing or stale (mvn package -pl infra/launcher -am); --help is the cheapest run.
for checkout in "$before" "$root"; do
  echo "building $checkout ..." >&2
  "$checkout/reescreen" --help >"$dir/build-$(basename "$checkout").log" 2>&1 \
    || { echo "build of $checkout failed: $dir/build-$(basename "$checkout").log" >&2; exit 1; }
done

old_reports=()
new_reports=()
: >"$dir/uptime.log"
for i in $(seq 1 "$pairs"); do
  for side in old new; do
    if [ "$side" = old ]; then checkout="$before"; extra=(); else checkout="$root"; extra=(${new_only[@]+"${new_only[@]}"}); fi
    report="$dir/$side-$i.md"
    echo "$side-$i: $(uptime)" | tee -a "$dir/uptime.log" >&2
    started=$(date +%s)
    if ! "$checkout/reescreen" bench "$what" ${common[@]+"${common[@]}"} ${extra[@]+"${extra[@]}"} --out "$report" \
        >"$dir/$side-$i.log" 2>&1; then
      echo "$side-$i failed: see $dir/$side-$i.log" >&2
      exit 1
    fi
    echo "  $side-$i took $(( $(date +%s) - started )) s" >&2
    if [ "$side" = old ]; then old_reports+=("$report"); else new_reports+=("$report"); fi
  done
done

describe() {  # sha and subject of a commit, and whether the checkout has uncommitted changes
  local sha subject dirty=""
  sha="$(git -C "$1" rev-parse --short HEAD)"
  subject="$(git -C "$1" log -1 --format=%s)"
  [ ${#subject} -le 70 ] || subject="${subject:0:70}…"
  [ -z "$(git -C "$1" status --porcelain --untracked-files=no)" ] || dirty=", with uncommitted changes"
  printf '%s ("%s"%s)' "$sha" "$subject" "$dirty"
}
join() { local IFS=,; echo "$*"; }
{
  echo "## Before / after: bench $what, side by side in one run"
  echo
  # getconf, not nproc: nproc reports OMP_NUM_THREADS when it is set.
  echo "\`infra/bench/before-after.sh $ref $what ${common[*]:-}${new_only[*]:+ --new-only ${new_only[*]}}\`, $(date -u +%Y-%m-%dT%H:%MZ), on $(getconf _NPROCESSORS_ONLN) cores:"
  echo "old = $(describe "$before"), new = $(describe "$root")."
  printf 'Runs in this order, each `./reescreen bench %s%s`' "$what" "${common[*]:+ ${common[*]}}"
  [ "$what" != model ] || printf ' with OMP_NUM_THREADS=%s' "$OMP_NUM_THREADS"
  [ ${#new_only[@]} -eq 0 ] || printf ' (the new build also given %s)' "${new_only[*]}"
  echo "; load average (1, 5, 15 min) before each:"
  echo
  sed -E 's/^([a-z]+-[0-9]+): .*load average: (.*)$/- \1: \2/' "$dir/uptime.log"
  echo
  java "$here/src/main/java/io/reescreen/bench/beforeafter/BeforeAfter.java" --old "$(join "${old_reports[@]}")" \
    --new "$(join "${new_reports[@]}")" ${section[@]+"${section[@]}"}
  echo
  echo "Medians over each build's runs (a report's own figure may itself be a median of repetitions); new / old is the"
  echo "ratio of the medians. The reports: $dir/{old,new}-N.md."
} >"$dir/before-after.md"
cat "$dir/before-after.md"
echo "wrote $dir/before-after.md" >&2
