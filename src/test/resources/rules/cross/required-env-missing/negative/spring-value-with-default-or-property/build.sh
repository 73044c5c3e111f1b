#!/bin/sh
set -e
./gradlew bootJar
docker build -t stock:0.3.0 .
