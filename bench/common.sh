# Sourced by the bench scripts: work from the repository root, name the
# binaries, check the tools, and generate a corpus once.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
paxray=build/release/cli/paxray
gen=build/release/samples/paxray-gen

need_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps --bench" >&2; exit 1; }
  done
}

# generate_once DIR PAXRAY-GEN-ARGS...: writes DIR unless a complete corpus is there.
generate_once() {
  local dir=$1
  shift
  [ -f "$dir/.complete" ] && return 0
  rm -rf "$dir"
  echo "generating $dir ..."
  "$gen" --out "$dir" "$@"
  touch "$dir/.complete"
}
