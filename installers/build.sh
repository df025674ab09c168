#!/usr/bin/env bash
# Builds Sextant's installers for the OS it runs on (jpackage cannot cross-build):
#   Linux: portable app-image zip, .deb, and .rpm when rpmbuild is installed
#   Windows: portable app-image zip and .msi (needs WiX on PATH)
#   macOS: portable app-image zip and .dmg
# Every jpackage/jlink option lives in the *.args files beside this script.
# Outputs: installers/target/dist/.
# Usage: installers/build.sh [--skip-maven] [--image-only | --only deb|rpm|msi|dmg]
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../scripts/env.sh"
cd "$sextant_root"

skip_maven=0 image_only=0 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) skip_maven=1 ;;
    --image-only) image_only=1 ;;
    --only) only="${2:?--only needs a type}"; shift ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

bin="$SEXTANT_JAVA_HOME/bin"
version=0.1.0
out=installers/target
staging=$out/input
dist=$out/dist

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=aarch64 ;;
  *) arch="$(uname -m)" ;;
esac
step() { echo "build.sh: $*" >&2; }
# macOS bundle versions must start with a non-zero number, so the Mac build says 1.0.0 until
# the project reaches 1.x; the file names and every other OS say the real version.
app_version="$version"; [ "$os" = macos ] && app_version=1.0.0

if [ "$skip_maven" = 0 ]; then
  step "building the application jars (mvn package, tests skipped)"
  "$SEXTANT_MVN" -q -B -ntp -DskipTests package
fi
[ -f app/target/sextant-app.jar ] && [ -d app/target/lib ] \
  || { echo "build.sh: app/target/sextant-app.jar missing; run without --skip-maven" >&2; exit 3; }

rm -rf "$out"
mkdir -p "$staging" "$dist"

# 1. The jpackage input: every runtime jar flat beside the main jar (the launcher's class path is
#    every jar in this folder), plus the files found through -Dsextant.root=$APPDIR.
step "staging the application"
cp app/target/sextant-app.jar app/target/lib/*.jar "$staging/"
cp resources/logging.properties "$staging/"
mkdir -p "$staging/sample-corpora"
cp -R sample-corpora/documents "$staging/sample-corpora/"

# 2. Keep only this platform's native libraries in the jars that carry every platform's (ONNX
#    Runtime, SQLite, tokenizers): about 150 MB less. Needs zip/unzip; skipped without them.
trim_natives() { # jar, prefix of the native folder, the one subfolder to keep
  local jar="$1" prefix="$2" keep="$3"
  # only files inside other platforms' folders: files directly under prefix (DJL's
  # tokenizers.properties, for one) are read at run time
  unzip -Z1 "$jar" | grep "^$prefix[^/]*/.*[^/]$" | grep -v "^$prefix$keep/" \
    | zip -q -d "$jar" -@ >/dev/null || true
}
if command -v zip >/dev/null && command -v unzip >/dev/null; then
  case "$os-$arch" in
    linux-x64) onnx=linux-x64 sqlite=Linux/x86_64 tok=linux-x86_64 ;;
    linux-aarch64) onnx=linux-aarch64 sqlite=Linux/aarch64 tok=linux-aarch64 ;;
    macos-aarch64) onnx=osx-aarch64 sqlite=Mac/aarch64 tok=osx-aarch64 ;;
    macos-x64) onnx=osx-x64 sqlite=Mac/x86_64 tok=osx-x86_64 ;;
    windows-x64) onnx=win-x64 sqlite=Windows/x86_64 tok=win-x86_64 ;;
    *) onnx="" ;;
  esac
  if [ -n "$onnx" ]; then
    step "keeping only $os-$arch native libraries"
    for j in "$staging"/onnxruntime-*.jar; do trim_natives "$j" ai/onnxruntime/native/ "$onnx"; done
    for j in "$staging"/sqlite-jdbc-*.jar; do trim_natives "$j" org/sqlite/native/ "$sqlite"; done
    for j in "$staging"/tokenizers-*.jar; do trim_natives "$j" native/lib/ "$tok"; done
    # ONNX Runtime's macOS debug symbols are never loaded
    for j in "$staging"/onnxruntime-*.jar; do
      unzip -Z1 "$j" | grep '\.dSYM/' | grep -v '/$' | zip -q -d "$j" -@ >/dev/null || true
    done
  fi
else
  step "zip/unzip not found: native libraries of every platform stay in the jars"
fi

# 3. A trimmed Java runtime: the modules jdeps finds in the jars plus the ones it cannot see.
#    jdeps runs on copies without module-info.class: several jars (POI, BouncyCastle mail, Tika) are
#    modular but require modules that are not shipped, and we run on the class path anyway.
#    Without zip (Git Bash on Windows) the list from the last Linux build, committed as
#    installers/runtime-modules.txt, is used: JDK module use does not depend on the OS.
if command -v zip >/dev/null && command -v unzip >/dev/null; then
  step "computing the runtime's modules with jdeps"
  mkdir -p "$out/jdeps"
  cp "$staging"/*.jar "$out/jdeps/"
  for j in "$out/jdeps"/*.jar; do
    unzip -Z1 "$j" | grep 'module-info\.class$' | zip -q -d "$j" -@ >/dev/null 2>&1 || true
  done
  modules="$("$bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
    --class-path "$out/jdeps/*" "$out/jdeps"/*.jar)"
  rm -rf "$out/jdeps"
  echo "$modules" > installers/runtime-modules.txt
else
  step "zip not found: using the jdeps module list in installers/runtime-modules.txt"
  modules="$(cat installers/runtime-modules.txt)"
fi
extra="$(grep -v '^#' installers/jlink-extra-modules.txt | grep -v '^$' | paste -sd, -)"
modules="$modules,$extra"
step "jlink: $modules"
"$bin/jlink" @installers/jlink.args --add-modules "$modules" --output "$out/runtime"

# 4. The app-image, then the installers made from it.
os_args=(@installers/$os.args)
if [ "$os" = macos ]; then
  # .icns from the PNG with the tools every Mac has
  iconset="$out/sextant.iconset"; mkdir -p "$iconset"
  for s in 16 32 128 256; do
    sips -z $s $s installers/icons/sextant.png --out "$iconset/icon_${s}x${s}.png" >/dev/null
    sips -z $((s * 2)) $((s * 2)) installers/icons/sextant.png --out "$iconset/icon_${s}x${s}@2x.png" >/dev/null
  done
  iconutil -c icns "$iconset" -o "$out/sextant.icns"
fi
step "jpackage app-image"
"$bin/jpackage" --type app-image --app-version "$app_version" @installers/common.args @installers/app.args "${os_args[@]}" \
  --input "$staging" --runtime-image "$out/runtime" --dest "$out/image"

image="$out/image/Sextant"; [ "$os" = macos ] && image="$out/image/Sextant.app"
portable="$dist/sextant-$version-$os-$arch-portable.zip"
step "zipping the portable app-image"
if [ "$os" = macos ]; then
  ditto -c -k --keepParent "$image" "$portable"
elif command -v zip >/dev/null; then
  (cd "$out/image" && zip -q -r -y "../../../$portable" Sextant)
else
  powershell -NoProfile -Command "Compress-Archive -Path '$(cygpath -w "$image")' -DestinationPath '$(cygpath -w "$portable")'"
fi

if [ "$image_only" = 1 ]; then
  ls -l "$dist" >&2
  exit 0
fi

package() { # type, extra argument files...
  local type="$1"; shift
  if [ -n "$only" ] && [ "$only" != "$type" ]; then return 0; fi
  step "jpackage $type"
  "$bin/jpackage" --type "$type" --app-version "$app_version" --app-image "$image" @installers/common.args "$@" --dest "$dist"
}
case "$os" in
  linux)
    package deb @installers/linux-package.args @installers/deb.args
    if command -v rpmbuild >/dev/null; then
      package rpm @installers/linux-package.args @installers/rpm.args
    else
      step "rpmbuild not found: .rpm skipped (Debian/Ubuntu: apt-get install rpm)"
    fi ;;
  windows) package msi @installers/windows.args ;;
  macos) package dmg @installers/macos.args ;;
esac
ls -l "$dist" >&2
