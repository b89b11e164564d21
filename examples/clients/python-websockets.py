# An Autobahn fuzzingserver echo client with Python's websockets (Debian's python3-websockets):
# /usr/bin/python3 python-websockets.py ws://127.0.0.1:9001 [agent]
import asyncio
import json
import sys
from urllib.parse import quote

import websockets


async def echo(uri):
    """Runs one case: every message goes back as it came (str as text, bytes as binary) until the connection ends."""
    try:
        # No size limit: the cases of category 9 send messages of up to 16 MiB (1 MiB by default), past the 1 MiB default.
        async with websockets.connect(uri, max_size=None) as socket:
            async for message in socket:
                await socket.send(message)
    except websockets.ConnectionClosed:
        pass  # the case ended the connection, as many do on purpose
    except websockets.InvalidHandshake as error:
        print(f"{uri}: {error}", file=sys.stderr)


async def main(base, agent):
    async with websockets.connect(f"{base}/getCaseCount") as socket:
        count = json.loads(await socket.recv())
    for n in range(1, count + 1):
        await echo(f"{base}/runCase?case={n}&agent={quote(agent)}")
    await echo(f"{base}/updateReports?agent={quote(agent)}")
    print(f"ran {count} cases as {agent}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "ws://127.0.0.1:9001", sys.argv[2] if len(sys.argv) > 2 else "python-websockets"))
