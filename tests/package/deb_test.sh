#!/usr/bin/env bash
# The .deb as a user installs it: built by CPack from this build tree, it holds
# the binary, man page, bash completion and docs, depends on Debian runtime
# packages, and the unpacked binary diagnoses the bundled incident. The
# completion offers every option each subcommand's --help lists.
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/paxray_*.deb)
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/paxray ./usr/share/man/man1/paxray.1.gz ./usr/share/bash-completion/completions/paxray \
            ./usr/share/doc/paxray/OUTPUT.md ./usr/share/doc/paxray/README.md; do
  grep -q " $path\$" <<<"$contents" || fail "$path missing from the package"
done
grep -Eq "paxray-gen|paxray_tests|fuzz_" <<<"$contents" && fail "test or generator binaries packaged"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libfmt libtbb libzstd libarchive libsimdjson; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

dpkg -x "$deb" "$work/root"
version=$(grep -m1 -o 'project(paxray VERSION [0-9.]*' "$src/CMakeLists.txt" | grep -o '[0-9][0-9.]*$')
[ "$("$work/root/usr/bin/paxray" --version)" = "$version" ] || fail "--version is not $version"
rc=0
"$work/root/usr/bin/paxray" scan -q "$src/samples/incidents/lease-loss-4x" || rc=$?
[ "$rc" -eq 2 ] || fail "packaged binary: exit $rc on lease-loss-4x, expected 2"
zcat "$work/root/usr/share/man/man1/paxray.1.gz" | grep -q 'paxray isolate-check' || fail "man page lacks isolate-check"
zcat "$work/root/usr/share/man/man1/paxray.1.gz" | grep -q 'EXIT STATUS' || fail "man page lacks EXIT STATUS"
[ -f "$work/root/usr/lib/systemd/system/paxray-scan.timer" ] && [ -f "$work/root/usr/lib/systemd/system/paxray-scan.service" ] || fail "the .deb lacks the systemd units"

# shellcheck disable=SC1090,SC1091
source "$work/root/usr/share/bash-completion/completions/paxray"
complete_words() {  # prints the completions for the words given, the last one being completed
  COMP_WORDS=(paxray "$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _paxray
  printf '%s\n' "${COMPREPLY[@]}"
}
subcommands=$(complete_words "")
for cmd in scan timeline replay isolate-check extract causes; do
  grep -qx "$cmd" <<<"$subcommands" || fail "completion does not offer $cmd"
  offered=$(complete_words "$cmd" "--")
  for opt in $("$work/root/usr/bin/paxray" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -qx -- "$opt" <<<"$offered" || fail "completion for $cmd lacks $opt"
  done
done
echo "ok: $(basename "$deb"), $(wc -c <"$deb") bytes"
