#!/bin/sh
set -e
docker build -t registry.example.com/notifier:1.4.0 .
docker push registry.example.com/notifier:1.4.0
