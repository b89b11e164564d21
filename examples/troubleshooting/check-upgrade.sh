#!/bin/sh
# Sends a WebSocket opening handshake to a URL and prints the status line and headers of the answer.
# Usage: sh check-upgrade.sh http://localhost:8080/ws/echo   (http: for ws:, https: for wss:)
# A 101 with "Upgrade: websocket" means the server and everything before it pass the upgrade on.
# --max-time stops curl after a 101, whose connection it would otherwise hold open.
curl --silent --include --max-time 3 \
  --header 'Connection: Upgrade' \
  --header 'Upgrade: websocket' \
  --header 'Sec-WebSocket-Version: 13' \
  --header 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
  "$1" | sed -n '1,/^\r*$/p'
