"""Small helpers the tests share."""

from __future__ import annotations

import io
import tarfile

from crownest import CrowNest


def tar_gz(files: dict[str, bytes | str]) -> bytes:
    """A .tar.gz holding the files (name -> content)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def no_sleep(client: CrowNest) -> CrowNest:
    """The client with its retry and reconnect waits skipped."""
    client._transport.sleep = lambda _s: None
    return client
