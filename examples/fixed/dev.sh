#!/usr/bin/env bash
# examples/scripts/dev.sh written so that no rule reports anything.
set -euo pipefail

# only this container uses the working tree: private label
docker run --rm -it -v "$PWD":/src:Z -w /src node:22 npm test

# docker's --mount cannot relabel, so the bind is written with -v
docker run -d --name preview -p 8080:80 \
  -v ./dist:/usr/share/nginx/html:ro,Z \
  nginx:1.27

db=(podman run -d --name dev-db -e POSTGRES_PASSWORD=dev)
db+=(-v ./pgdata:/var/lib/postgresql/data:Z)
"${db[@]}" postgres:16

podman run --rm -v ./fixtures:/fixtures:O alpine:3.20 ls /fixtures

# a system file is reached unconfined, without relabelling it
sudo docker run --security-opt label=disable --rm -v /etc/localtime:/etc/localtime:ro alpine:3.20 date
