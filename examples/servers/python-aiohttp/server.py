"""An echo server with aiohttp: every message goes back as it came, text as text, binary as binary.

Run: /usr/bin/python3 server.py PORT (Debian's python3-aiohttp)
"""
import sys

from aiohttp import WSMsgType, web


async def echo(request):
    # max_msg_size=16 MiB lets Autobahn's largest messages (category 9) through; the default is 4 MiB.
    websocket = web.WebSocketResponse(max_msg_size=16 * 2**20)
    await websocket.prepare(request)
    async for message in websocket:
        if message.type == WSMsgType.TEXT:
            await websocket.send_str(message.data)
        elif message.type == WSMsgType.BINARY:
            await websocket.send_bytes(message.data)
    return websocket


port = int(sys.argv[1]) if len(sys.argv) > 1 else 9001
app = web.Application()
app.router.add_get("/{path:.*}", echo)  # every path, so the workshop's widgets find /ws/echo too
web.run_app(app, host="127.0.0.1", port=port, print=lambda _: print(f"listening on ws://127.0.0.1:{port}/", flush=True))
