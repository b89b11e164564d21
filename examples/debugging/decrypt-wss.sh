#!/bin/sh
# Decrypts a capture of wss: traffic with a TLS key log and prints each WebSocket frame tshark finds in it.
# Usage: sh decrypt-wss.sh capture.pcap keys.log PORT
# -d: traffic on PORT is TLS, and inside TLS it is HTTP, whose 101 hands the rest to the WebSocket dissector.
tshark -r "$1" -o "tls.keylog_file:$2" \
  -d "tcp.port==$3,tls" -d "tls.port==$3,http" \
  -Y websocket -T fields -E separator=' ' \
  -e websocket.opcode -e websocket.mask -e websocket.payload_length \
  -e websocket.payload.text -e websocket.payload.close.status_code
