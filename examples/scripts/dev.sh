#!/usr/bin/env bash
# Development helpers: containers started from a script rather than a compose file.
set -euo pipefail

# missing-relabel: the working tree is bind-mounted with no :z/:Z; the fix appends :Z
# right after the word, outside the quotes ("$PWD":/src:Z)
docker run --rm -it -v "$PWD":/src -w /src node:22 npm test

# missing-relabel: docker's --mount has no SELinux option at all, so the fix rewrites the
# flag as -v ./dist:/usr/share/nginx/html:ro,Z
docker run -d --name preview -p 8080:80 \
  --mount type=bind,source=./dist,target=/usr/share/nginx/html,readonly \
  nginx:1.27

# missing-relabel inside an array: the command is assembled first and run with
# "${db[@]}"; the finding and the fix are on the array element
db=(podman run -d --name dev-db -e POSTGRES_PASSWORD=dev)
db+=(-v ./pgdata:/var/lib/postgresql/data)
"${db[@]}" postgres:16

# not reported: podman's overlay mount (:O) writes to an upper layer, the source is not relabelled
podman run --rm -v ./fixtures:/fixtures:O alpine:3.20 ls /fixtures

# system-path-mount: /etc/localtime is read by every host program, so no :z/:Z here; the
# fix inserts --security-opt label=disable after "run" (sudo is looked through)
sudo docker run --rm -v /etc/localtime:/etc/localtime:ro alpine:3.20 date
