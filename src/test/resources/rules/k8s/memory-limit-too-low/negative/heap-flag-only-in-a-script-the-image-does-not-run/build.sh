#!/bin/sh
set -eu
docker build -t search-api:1.4.0 .
kind load docker-image search-api:1.4.0
