"""An echo server with Python's websockets: every message goes back as it came, text as text, binary as binary.

Run: /usr/bin/python3 server.py PORT (Debian's python3-websockets)
"""
import asyncio
import sys

import websockets


async def echo(websocket, path=None):  # websockets 10 still passes the path; later versions do not
    async for message in websocket:
        await websocket.send(message)


async def main(port):
    # max_size=16 MiB lets Autobahn's largest messages (category 9) through; the default is 1 MiB.
    async with websockets.serve(echo, "127.0.0.1", port, max_size=16 * 2**20):
        print(f"listening on ws://127.0.0.1:{port}/", flush=True)
        await asyncio.Future()


asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 9001))
