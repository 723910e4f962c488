"""Data root, checksummed downloads from a real HTTP server on 127.0.0.1, offline mirrors."""
import hashlib
import http.server
import io
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest
import torchvision

from aipath.data import DataNotFoundError, RemoteDataset, data_root, fetch, torchvision_dataset
from aipath.mirror import lay_out


@pytest.fixture
def http_dir(tmp_path):
    """Serve tmp_path/www over HTTP on 127.0.0.1; yields (folder, base_url)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_data_root_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("AIPATH_DATA_DIR", str(tmp_path / "env"))
    assert data_root(tmp_path / "arg") == tmp_path / "arg"
    assert data_root() == tmp_path / "env"
    monkeypatch.delenv("AIPATH_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert data_root() == tmp_path / "cache" / "aipath" / "data"


def test_fetch_downloads_verifies_and_then_uses_the_cache(http_dir, tmp_path):
    www, url = http_dir
    (www / "corpus.txt").write_bytes(b"to be or not to be")
    spec = RemoteDataset("corpus", f"{url}/corpus.txt", {"corpus.txt": sha(b"to be or not to be")})
    folder = fetch(spec, tmp_path / "root")
    assert (folder / "corpus.txt").read_bytes() == b"to be or not to be"
    (www / "corpus.txt").unlink()               # the server no longer has it: the cache answers
    assert fetch(spec, tmp_path / "root") == folder


def test_fetch_extracts_a_zip_and_checks_each_member(http_dir, tmp_path):
    www, url = http_dir
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("sentiment labelled sentences/a.txt", "good\t1\n")
        z.writestr("__MACOSX/sentiment labelled sentences/._a.txt", "junk")
    (www / "s.zip").write_bytes(buf.getvalue())
    spec = RemoteDataset("s", f"{url}/s.zip", {"a.txt": sha(b"good\t1\n")}, is_zip=True)
    assert (fetch(spec, tmp_path) / "a.txt").read_text() == "good\t1\n"


def test_fetch_rejects_a_corrupt_file_and_says_how_to_recover(http_dir, tmp_path):
    www, url = http_dir
    (www / "x.txt").write_bytes(b"tampered")
    spec = RemoteDataset("x", f"{url}/x.txt", {"x.txt": sha(b"original")})
    with pytest.raises(DataNotFoundError, match=r"x.txt is corrupt: sha256 .* expected .* Delete it"):
        fetch(spec, tmp_path)


def test_fetch_without_network_names_the_file_the_root_and_the_setting(tmp_path):
    spec = RemoteDataset("tinyshakespeare", "http://127.0.0.1:9/input.txt", {"input.txt": "0" * 64})
    with pytest.raises(DataNotFoundError) as info:
        fetch(spec, tmp_path)
    msg = str(info.value)
    assert str(tmp_path / "tinyshakespeare" / "input.txt") in msg
    assert f"looked in the data root {tmp_path}" in msg
    assert "AIPATH_DATA_DIR" in msg and "python -m aipath.mirror" in msg


def test_torchvision_mnist_without_files_or_network_names_the_missing_files(tmp_path, monkeypatch):
    monkeypatch.setattr(torchvision.datasets.MNIST, "mirrors", ["http://127.0.0.1:9/"])
    with pytest.raises(DataNotFoundError) as info:
        torchvision_dataset(torchvision.datasets.MNIST, root=tmp_path)
    msg = str(info.value)
    assert str(tmp_path / "MNIST" / "raw" / "train-images-idx3-ubyte") in msg
    assert "AIPATH_DATA_DIR" in msg


def test_mnist_loads_from_the_offline_mirror_the_standard_way(mirror_root):
    train = torchvision_dataset(torchvision.datasets.MNIST, train=True, root=mirror_root)
    test = torchvision_dataset(torchvision.datasets.MNIST, train=False, root=mirror_root)
    assert (len(train), len(test)) == (8000, 2000)
    image, label = train[0]
    assert image.size == (28, 28) and 0 <= label <= 9


def test_text_datasets_in_the_mirror_pass_their_checksums(mirror_root):
    assert (fetch("tinyshakespeare", mirror_root) / "input.txt").stat().st_size == 1115394
    lines = (fetch("sentiment", mirror_root) / "yelp_labelled.txt").read_text().splitlines()
    assert len(lines) == 1000 and lines[0].rsplit("\t", 1)[1] in {"0", "1"}


def test_lay_out_mirror_from_shared_data(repo, tmp_path):
    src = repo.parent / "shared" / "data"
    if not src.is_dir():
        pytest.skip(f"no mirror at {src}")
    done = lay_out(src, tmp_path)
    assert any(line.startswith("MNIST") for line in done)
    assert (tmp_path / "MNIST" / "raw" / "t10k-labels-idx1-ubyte").stat().st_size == 2000 + 8
    assert any("sha256 verified" in line for line in done)


def test_readers_of_the_text_datasets(mirror_root):
    from aipath.data import load_sentiment, load_tinyshakespeare

    rows = load_sentiment(mirror_root)
    assert len(rows) == 1000 + 990 + 1000   # amazon, imdb, yelp (shared/data/README.md)
    assert {label for _, label, _ in rows} == {0, 1} and {s for *_, s in rows} == {"amazon", "imdb", "yelp"}
    assert len(load_tinyshakespeare(mirror_root)) == 1115394
