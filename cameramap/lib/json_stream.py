"""Read the items of a top-level JSON array one at a time, in memory that does not grow with it."""

import json
from collections.abc import Iterator
from typing import TextIO

CHUNK = 1 << 16
_SKIP = " \t\r\n,"
_AFTER_ITEM = " \t\r\n,]"


def iter_json_array(stream: TextIO, *, chunk_size: int = CHUNK) -> Iterator[object]:
    """Yield each item of the JSON array `stream` holds; ValueError if it holds anything else.

    Only the item being decoded and one chunk are in memory at a time (json.load would hold the
    whole array and every object in it).
    """
    decoder = json.JSONDecoder()
    buffer, position, finished = "", 0, False

    def more() -> bool:
        nonlocal buffer, position, finished
        chunk = stream.read(chunk_size)
        finished = not chunk
        buffer, position = buffer[position:] + chunk, 0
        return bool(chunk)

    def skip(characters: str) -> str:
        """The next character that is not in `characters`, reading on as needed; "" at the end."""
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in characters:
                position += 1
            if position < len(buffer):
                return buffer[position]
            if not more():
                return ""

    if skip(" \t\r\n\ufeff") != "[":
        raise ValueError("not a JSON array")
    position += 1
    while True:
        character = skip(_SKIP)
        if character == "]":
            return
        if character == "":
            raise ValueError("the JSON array is not closed")
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                if finished or not more():
                    raise ValueError(f"invalid JSON ({error.msg})") from None
                continue
            # A number cut off by the chunk's end ("1.5" of "1.5e10") decodes too: only trust an
            # item followed by what may follow one, or by the end of the file.
            if (end < len(buffer) and buffer[end] in _AFTER_ITEM) or finished or not more():
                break
        position = end
        yield item
