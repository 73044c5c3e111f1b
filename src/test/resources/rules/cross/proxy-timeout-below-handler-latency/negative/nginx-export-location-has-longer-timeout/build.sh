#!/usr/bin/env bash
set -euo pipefail
docker build -t acme/billing:3.2.0 billing
docker build -t acme/gateway:3.2.0 gateway
