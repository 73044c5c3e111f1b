#!/bin/sh
set -e
docker build -t go-app:1.3.0 .
kind load docker-image go-app:1.3.0 --name dev
