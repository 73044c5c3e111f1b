#!/bin/sh
docker build -t search:3.1.0 .
kind load docker-image search:3.1.0
