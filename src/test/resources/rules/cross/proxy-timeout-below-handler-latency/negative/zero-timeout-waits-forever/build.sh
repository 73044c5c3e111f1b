#!/bin/sh
set -eu
docker build -t ghcr.io/acme/reports:1.8.0 reports
docker push ghcr.io/acme/reports:1.8.0
