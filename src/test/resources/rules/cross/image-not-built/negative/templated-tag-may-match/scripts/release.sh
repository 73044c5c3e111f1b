#!/usr/bin/env bash
set -euo pipefail
VERSION="$(git describe --tags --abbrev=0)"
docker build -t "orders:${VERSION#v}" services/orders
k3d image import "orders:${VERSION#v}" -c shop
