#!/usr/bin/env bash
# The Debian packages `make test` needs besides Python and Node: Chromium (browser tests, with
# its German locale for date inputs), poppler-utils (PDFs to PNG), curl and libmagic. Run as
# root it installs what is missing (as CI does); otherwise it stops at once with the command.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# German date inputs in the browser tests need Chromium's locale files.
[ -e /usr/lib/chromium/locales/de.pak ] || need+=(chromium-l10n)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)
# Uploaded documents are recognised by their content with libmagic (python-magic).
ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1' || need+=(libmagic1)
[ ${#need[@]} -eq 0 ] && exit 0
install="apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "make test needs these Debian packages: ${need[*]}" >&2
  echo "Install them, then run make test again:" >&2
  echo "  sudo apt-get update && sudo $install" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs: ${need[*]} (Debian package names); install them with your package manager." >&2
  exit 1
fi
echo "Installing Debian packages for make test: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Another apt run (another checkout, unattended upgrades) may hold the lock: wait for it.
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}"
