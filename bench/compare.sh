#!/usr/bin/env bash
# Times ismsforge against pandoc, LaTeX, wkhtmltopdf, WeasyPrint and
# Chromium on the same pack (issue 8). The work is in bench/compare; this
# wrapper only runs it from the repository root, so it works from anywhere.
#   bench/compare.sh [-rounds 5] [-example examples/acme-saas] [-jobs N] [-tools a,b] [-md DIR] [-keep]
# Paths (-example, -md) are relative to the repository root.
# The tools it finds missing are skipped, with the apt-get line to install them:
#   apt-get install -y pandoc texlive-latex-recommended texlive-fonts-recommended lmodern wkhtmltopdf weasyprint chromium
set -euo pipefail
cd "$(dirname "$0")/.."
COMPARE_ARGV0=bench/compare.sh exec go run ./bench/compare "$@"
