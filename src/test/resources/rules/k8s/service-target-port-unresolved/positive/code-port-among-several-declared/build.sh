#!/bin/sh
docker build -t registry.example.com/shop/api:4.1.0 api
