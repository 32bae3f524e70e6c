"""The render worker process: JSON requests on stdin, rendered HTML on stdout."""

from __future__ import annotations

import json
import sys
from typing import BinaryIO

from reader.render.convert import MarkdownRenderer
from reader.render.service import to_wire


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    renderer = MarkdownRenderer()
    stdout.write(b'{"ready": true}\n')
    stdout.flush()
    for line in stdin:
        request = json.loads(line)
        reply: dict[str, object]
        try:
            reply = to_wire(renderer.render(request["text"]))
        except RecursionError:
            reply = {"error": "nesting too deep"}
            renderer = MarkdownRenderer()
        except Exception as err:  # noqa: BLE001 - any failure becomes a plain-text fallback
            reply = {"error": f"{type(err).__name__}: {err}"}
            renderer = MarkdownRenderer()
        reply["id"] = request["id"]
        stdout.write(json.dumps(reply).encode() + b"\n")
        stdout.flush()


def main() -> None:
    sys.setrecursionlimit(4000)
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
