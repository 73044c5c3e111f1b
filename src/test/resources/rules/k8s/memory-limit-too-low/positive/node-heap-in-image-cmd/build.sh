#!/bin/sh
set -e
docker build -t thumbs:1.0 .
kind load docker-image thumbs:1.0
