"""The render worker process: JSON requests on stdin, rendered HTML on stdout."""

from __future__ import annotations

import json
import sys
from typing import BinaryIO

from reader.glossary.annotate import annotate_html
from reader.glossary.match import Matcher, TermTable
from reader.render.convert import MarkdownRenderer
from reader.render.service import to_wire

MAX_MATCHERS = 8


def _annotate(reply: dict[str, object], request: dict, matchers: dict[str, Matcher]) -> None:
    """Mark glossary terms in the reply's HTML when the request brings (or names) a table."""
    key = request.get("terms_key")
    if not isinstance(key, str):
        return
    if "terms" in request:
        if len(matchers) >= MAX_MATCHERS:
            matchers.clear()
        matchers[key] = Matcher(TermTable.from_wire(request["terms"]))
    matcher = matchers.get(key)
    if matcher is not None:
        reply["html"] = annotate_html(str(reply["html"]), matcher)


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    renderer = MarkdownRenderer()
    matchers: dict[str, Matcher] = {}
    stdout.write(b'{"ready": true}\n')
    stdout.flush()
    for line in stdin:
        request = json.loads(line)
        reply: dict[str, object]
        try:
            reply = to_wire(renderer.render(request["text"]))
            _annotate(reply, request, matchers)
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
