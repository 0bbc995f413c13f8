#!/usr/bin/env bash
# Puts an OpenJDK 21 (the LTS most Spring Boot 3.x services run, and the one whose virtual threads still pin their
# carrier in synchronized code) into the directory given, and prints its home. These machines reach Debian's
# archive but no JDK 21 built for Debian 12: Debian 13's packages (openjdk-21-jre/jdk-headless) need glibc 2.38+,
# so the script unpacks Debian 13's glibc beside the JDK, without installing anything, and points the JDK's ELF
# files at it (patchelf: its loader as interpreter, its directory first in the search path). The system's own
# libraries and every other program stay as they are; a child process started by a test runs the system's glibc.
#
#   bash .ci/jdk21.sh /opt/jdk21   ->  prints /opt/jdk21/usr/lib/jvm/java-21-openjdk-amd64
#
# Exits 1 (and prints why) when something is missing; the caller decides whether that skips a step.
set -euo pipefail

target=${1:?usage: jdk21.sh <directory>}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
home=$target/usr/lib/jvm/java-21-openjdk-amd64
glibc=$target/glibc/usr/lib/x86_64-linux-gnu

if [ -x "$home/bin/java" ] && "$home/bin/java" -version >/dev/null 2>&1; then
	echo "$home"
	exit 0
fi
# a fresh machine may have no package lists yet: read them once if the first try finds no patchelf
command -v patchelf >/dev/null || apt-get install -y -qq patchelf >/dev/null 2>&1 \
	|| { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq patchelf >/dev/null 2>&1; } || true
command -v patchelf >/dev/null || { echo "patchelf is missing and could not be installed" >&2; exit 1; }

mkdir -p "$target/debs"
index=$target/debs/Packages
if [ ! -s "$index" ]; then
	curl -fsS --max-time 180 "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -d >"$index"
fi

# the .deb of a package, by the file name the index gives for it
fetch() {
	local file
	file=$(awk -v p="$1" '$1 == "Package:" { hit = ($2 == p) } hit && $1 == "Filename:" { print $2; exit }' "$index")
	[ -n "$file" ] || { echo "package $1 is not in Debian 13's index" >&2; exit 1; }
	[ -s "$target/debs/$(basename "$file")" ] || curl -fsS --max-time 300 -o "$target/debs/$(basename "$file")" "$mirror/$file"
	echo "$target/debs/$(basename "$file")"
}

dpkg -x "$(fetch openjdk-21-jre-headless)" "$target"
dpkg -x "$(fetch openjdk-21-jdk-headless)" "$target"
dpkg -x "$(fetch libc6)" "$target/glibc"

# the JDK's configuration links point into /etc/java-21-openjdk, which the unpacked package holds under $target/etc
find "$home" -type l -lname '/etc/java-21-openjdk/*' | while read -r link; do
	ln -sfn "$target$(readlink "$link")" "$link"
done

find "$home" -type f \( -perm -u+x -o -name '*.so' \) | while read -r file; do
	head -c 4 "$file" | grep -q 'ELF' || continue
	if patchelf --print-interpreter "$file" >/dev/null 2>&1; then
		patchelf --set-interpreter "$glibc/ld-linux-x86-64.so.2" "$file"
	fi
	rpath=$(patchelf --print-rpath "$file" 2>/dev/null || true)
	# DT_RPATH, not RUNPATH: it also applies to the libraries these load (libstdc++ then finds this libm)
	patchelf --force-rpath --set-rpath "$glibc${rpath:+:$rpath}" "$file"
done

"$home/bin/java" -version >&2
echo "$home"
