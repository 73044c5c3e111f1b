#!/usr/bin/env bash
# Loads whatever images are listed in images.txt into the cluster.
while read -r image; do
  k3d image import "$image" -c dev
done < images.txt
