#!/bin/sh
# Prints the WebSocket frames tshark finds in a capture of plain ws: traffic. Extra arguments go to tshark.
# Usage: sh dissect-capture.sh echo-session.pcap 4321        (add -V for every field, -T json for JSON)
# -d: traffic on that port is HTTP; tshark knows only the usual HTTP ports, and HTTP's 101 hands the rest to WebSocket.
capture="$1"
port="$2"
shift 2
tshark -r "$capture" -d "tcp.port==$port,http" -Y websocket "$@"
