#!/bin/sh
# The status page reads PORT; run it on 8080 so the published port reaches it.
set -e
docker build -t status-page:latest .
docker stop status-page && docker rm status-page || true
docker run -d --name status-page -e PORT=8080 -p 80:8080 status-page:latest
