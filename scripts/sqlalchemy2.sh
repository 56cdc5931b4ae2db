#!/usr/bin/env bash
# Gives Debian's python3 SQLAlchemy 2.0 without touching the system: Debian bookworm ships 1.4, which
# has no DeclarativeBase / Mapped / mapped_column, so the ORM-style codegen checks need trixie's
# python3-sqlalchemy. apt fetches it (signatures checked against debian-archive-keyring) with its own
# sources list, lists, cache and status file under DIR; dpkg -x unpacks it there; nothing is installed.
#
# Usage: scripts/sqlalchemy2.sh [DIR]    (DIR defaults to .cache/sqlalchemy2 in the repository)
# Prints the path of a python3 wrapper that puts the unpacked packages first on PYTHONPATH (Debian's
# own modules, psycopg2 among them, stay importable behind them); use it as SCHEMALEDGER_PYTHON.
# Exits non-zero, saying why on standard error, when it cannot.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$repo/.cache/sqlalchemy2}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
wrapper="$dir/python3"
site="$dir/root/usr/lib/python3/dist-packages"

has_sqlalchemy2() {
  "$wrapper" -c 'import sys, sqlalchemy; sys.exit(int(sqlalchemy.__version__.split(".")[0]) < 2)' 2>/dev/null
}
if [ -x "$wrapper" ] && has_sqlalchemy2; then
  echo "$wrapper"
  exit 0
fi

for tool in apt-get dpkg /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "sqlalchemy2.sh: $tool is missing (a Debian system is needed)" >&2; exit 1; }
done

# The Debian mirror the system already uses (deb822 URIs: or one-line deb entries), else deb.debian.org.
mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
  | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ')" || true
mirror="${mirror:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

apt="$dir/apt"
rm -rf "$apt" "$dir/root" "$dir/debs"
mkdir -p "$apt/etc/sources.list.d" "$apt/etc/preferences.d" "$apt/state/lists/partial" \
  "$apt/cache/archives/partial" "$dir/debs"
echo "deb [signed-by=$keyring] ${mirror%/} trixie main" >"$apt/etc/sources.list"
: >"$apt/state/status"
opts=(
  -o "Dir::Etc::SourceList=$apt/etc/sources.list" -o "Dir::Etc::SourceParts=$apt/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$apt/etc/preferences" -o "Dir::Etc::PreferencesParts=$apt/etc/preferences.d"
  -o "Dir::State=$apt/state" -o "Dir::State::status=$apt/state/status" -o "Dir::Cache=$apt/cache"
  # The private directories belong to the caller; apt's _apt download user could not write them.
  -o APT::Sandbox::User="$(id -un)" -o Acquire::Languages=none -qq
)
apt-get "${opts[@]}" --error-on=any update >&2
# typing_extensions: SQLAlchemy 2.0.40 needs 4.6 or later, bookworm has 4.4.
(cd "$dir/debs" && apt-get "${opts[@]}" download python3-sqlalchemy python3-typing-extensions >&2)
for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
rm -rf "$apt" # 20 MB of package lists, needed only for the download

cat >"$wrapper" <<EOF
#!/bin/sh
# Debian trixie's python3-sqlalchemy 2.0 (unpacked by scripts/sqlalchemy2.sh) ahead of the system's modules.
PYTHONPATH='$site'"\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 "\$@"
EOF
chmod +x "$wrapper"
if ! has_sqlalchemy2; then
  echo "sqlalchemy2.sh: $wrapper does not import SQLAlchemy 2" >&2
  exit 1
fi
echo "$wrapper"
