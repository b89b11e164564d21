"""A WebSocket client with Python's websockets: it sends one message to an echo endpoint, prints the reply, and closes cleanly.

Run: /usr/bin/python3 examples/clients/python-echo-client.py ws://localhost:4321/ws/echo [message]
"""
import asyncio
import sys

import websockets


async def main(url, message):
    # open_timeout bounds the handshake, close_timeout the wait for the server's Close; max_size is 1 MiB by default.
    async with websockets.connect(url, open_timeout=5, close_timeout=5) as websocket:
        await websocket.send(message)
        reply = await websocket.recv()
        print(f"received: {reply if isinstance(reply, str) else f'{len(reply)} bytes'}", flush=True)
    # Leaving the block sent a Close with 1000 and waited for the server's.
    print(f"closed: {websocket.close_code}", flush=True)


url = sys.argv[1] if len(sys.argv) > 1 else "ws://localhost:4321/ws/echo"
message = sys.argv[2] if len(sys.argv) > 2 else "Hello from Python"
try:
    asyncio.run(main(url, message))
except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
    print(f"error: {error!r}", file=sys.stderr)
    sys.exit(1)
