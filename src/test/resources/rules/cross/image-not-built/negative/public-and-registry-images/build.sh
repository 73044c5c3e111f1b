#!/bin/sh
set -e
docker build -t api:latest .
kind load docker-image api:latest --name dev
