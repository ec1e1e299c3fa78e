"""The onnx backend: the sentence-transformers model exported to ONNX once, quantised to int8, run by ONNX Runtime.

Why by hand rather than sentence-transformers' own ONNX backend: that one imports torch and transformers on
every run (seconds before the first sentence); this one needs only onnxruntime and tokenizers once the model is
converted. Conversion (torch export, ONNX Runtime's graph fusion, dynamic int8 quantisation with per-channel
weights) runs once per model and lands in the cache directory; benchmarks/speed.py checks that the vectors stay
within 0.99 mean cosine of fp32 and that STS-B quality holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from claimdiff.cache import Notify
from claimdiff.embed.tokens import TokenBasis, TokenStates
from claimdiff.errors import ClaimdiffError
from claimdiff.quiet import quiet_logger

WORKERS = min(2, os.cpu_count() or 1)  # texts run side by side, one ONNX Runtime thread each
FORMAT = "int8-v1"  # part of the converted file's name: a change of recipe converts again
POOLING_MODES = ("mean", "cls", "max")
RECIPE = f"{FORMAT}, one text per run"  # part of the cached vectors' key: a new recipe never reuses old vectors


class OnnxEncoder:
    def __init__(self, model: str, location: str, models_dir: Path, notify: Notify, basis: TokenBasis | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        self.name = model
        self.basis = basis  # projects the token vectors the judge compares (embed/tokens.py); None: none kept
        folder = model_folder(model, location)
        self.pooling, max_length = _sentence_transformer_layout(model, folder)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()
        self.session = _session(model, folder, session_options(), models_dir, notify)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.encode_with_tokens(texts)[0]

    def encode_with_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenStates | None]]:
        """Each text's vector and its token vectors (None without a basis).

        Each text runs on its own. The int8 model quantises the activations of everything in one run with one
        scale, so a text batched with others would get a vector that depends on them (cosine down to 0.97 to
        itself alone): results would then depend on which articles were compared, and on what the cache held
        from earlier runs. Alone, a text's vector depends on the text only, at no cost on news sentences (about
        15% on very short ones, which batches pad less)."""
        if not texts:
            return np.zeros((0, 0), np.float32), []
        # One by one: a batch would be tokenized on Rust threads, after which forking (the parser's workers)
        # is unsafe; tokenizing is a small share of the time.
        encodings = [self.tokenizer.encode(text) for text in texts]
        shares = [share for k in range(WORKERS) if (share := encodings[k::WORKERS])]
        with ThreadPoolExecutor(WORKERS) as pool:  # ONNX Runtime releases the GIL while it runs
            embedded = list(pool.map(self._embed_each, shares))
        vectors = np.empty((len(texts), embedded[0][0].shape[1]), np.float32)
        pieces: list = [None] * len(texts)
        for k, (share_vectors, share_pieces) in enumerate(embedded):
            vectors[k::len(shares)] = share_vectors
            pieces[k::len(shares)] = share_pieces
        # Projected here, all texts at once: a small matrix product per text inside the worker threads made
        # the BLAS threads contend with ONNX Runtime's and halved the throughput.
        tokens = self.basis.project_many(pieces) if self.basis is not None else [None] * len(texts)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12), tokens

    def _embed_each(self, encodings) -> tuple[np.ndarray, list]:
        embedded = [self._embed(encoding) for encoding in encodings]
        return np.stack([vector for vector, _ in embedded]), [pieces for _, pieces in embedded]

    def _embed(self, encoding) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """The text's vector and, with a basis, its word pieces' output rows and ids (special tokens left out)."""
        ids = np.array([encoding.ids], np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.array([encoding.type_ids],
                                                                                                  np.int64)}
        hidden = self.session.run(None, {name: value for name, value in feed.items() if name in self.inputs})[0][0]
        pieces = None
        if self.basis is not None:
            keep = np.array(encoding.special_tokens_mask) == 0
            pieces = (hidden[keep], ids[0][keep])
        if self.pooling == "cls":
            return hidden[0], pieces
        return (hidden.max(axis=0) if self.pooling == "max" else hidden.mean(axis=0)), pieces


def session_options():
    """ONNX Runtime options for a small transformer run one input at a time, WORKERS runs side by side."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # A model this small spends much of each multi-threaded matrix product synchronising its threads; one
    # thread per run, with WORKERS runs at once, measured about 8% faster on 2 cores.
    options.intra_op_num_threads = 1
    return options


def model_folder(model: str, location: str) -> Path:
    """The model's files: a local directory, or a snapshot already in the Hugging Face cache (never fetched)."""
    path = Path(location)
    if path.is_dir():
        return path
    from huggingface_hub import snapshot_download

    for name in (location, f"sentence-transformers/{location}"):
        try:
            return Path(snapshot_download(name, local_files_only=True))
        except Exception:  # noqa: BLE001 - not in the local cache under this name
            continue
    raise ClaimdiffError(f"--model {model}: not a local directory and not in the local Hugging Face cache")


def _sentence_transformer_layout(model: str, folder: Path) -> tuple[str, int]:
    """Pooling mode and maximum length; only models of a transformer, pooling and normalisation run here."""
    modules = _read_json(folder / "modules.json", [])
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if any(kind not in ("Transformer", "Pooling", "Normalize") for kind in kinds):
        raise ClaimdiffError(f"--model {model}: has modules the onnx backend does not run ({', '.join(kinds)}); "
                             "use --backend torch")
    if not (folder / "tokenizer.json").exists():
        raise ClaimdiffError(f"--model {model}: no tokenizer.json (a fast tokenizer); use --backend torch")
    pooling_path = next((folder / m["path"] / "config.json" for m in modules if m.get("type", "").endswith("Pooling")),
                        None)
    pooling = _read_json(pooling_path, {}) if pooling_path else {}
    mode = ("cls" if pooling.get("pooling_mode_cls_token") else
            "max" if pooling.get("pooling_mode_max_tokens") else "mean")
    max_length = _read_json(folder / "sentence_bert_config.json", {}).get("max_seq_length") or 512
    return mode, int(max_length)


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _session(model: str, folder: Path, options, models_dir: Path, notify: Notify):
    from claimdiff.embed import model_identity

    key = f"{model_identity(model, str(folder))}|{FORMAT}"
    return open_session(key, "model.int8.onnx", f"{model} to int8 ONNX",
                        lambda work, output: _convert(model, folder, work, output), options, models_dir, notify)


def open_session(key: str, file_name: str, label: str, convert: Callable[[Path, Path], None], options,
                 models_dir: Path, notify: Notify):
    """An ONNX Runtime session on a converted model. A converted file that does not load (truncated by a full
    disk or a killed conversion, overwritten) is converted again, once."""
    import onnxruntime

    for attempt in (1, 2):
        # The session holds the model in memory once created: the file may go afterwards.
        with converted_file(key, file_name, label, convert, models_dir, notify) as path:
            try:
                return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as error:  # noqa: BLE001 - onnxruntime raises its own untyped errors for bad files
                if attempt == 2 or not path.is_relative_to(models_dir):
                    raise ClaimdiffError(f"the converted model {path} does not load: {error}") from None
                notify(f"the converted model in the cache does not load ({type(error).__name__}); converting it again")
                path.unlink(missing_ok=True)
    raise AssertionError("unreachable")


@contextmanager
def converted_file(key: str, file_name: str, label: str, convert: Callable[[Path, Path], None], models_dir: Path,
                   notify: Notify) -> Iterator[Path]:
    """The converted file for `key`, made by `convert(work_dir, output)` on first use into the cache (atomically:
    a finished file or none). Where the cache is not writable, it is converted for this run only and removed once
    loaded."""
    target = models_dir / "models" / hashlib.sha256(key.encode()).hexdigest()[:24] / file_name
    if target.exists():
        yield target
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work, keep = Path(tempfile.mkdtemp(dir=target.parent)), True
    except OSError:
        work, keep = Path(tempfile.mkdtemp()), False
    try:
        converted = work / "converted.onnx"
        notify(f"converting {label}, once (about 15 s; kept in {models_dir})")
        convert(work, converted)
        if keep:
            os.replace(converted, target)
        yield target if keep else converted
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _convert(model: str, folder: Path, work: Path, output: Path) -> None:
    try:
        import onnx  # noqa: F401 - export_int8's, asked for here to name what is missing
        import torch
        from transformers import AutoConfig, AutoModel
    except ImportError as error:
        raise ClaimdiffError(f"converting {model} to ONNX needs {error.name}; or use --backend torch") from None
    config = AutoConfig.from_pretrained(folder)
    # Eager attention exports as plain matrix products, which ONNX Runtime fuses into one Attention operator.
    transformer = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
    takes_types = config.type_vocab_size > 1 if hasattr(config, "type_vocab_size") else False
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if takes_types else [])

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs):
            return self.transformer(**dict(zip(names, inputs))).last_hidden_state

    export_int8(LastHiddenState(), names, config, work, output)


def export_int8(module, names: list[str], config, work: Path, output: Path, output_axes: dict | None = None) -> None:
    """Export a torch module over a transformer's inputs `names` to ONNX at `output`: traced, its attention fused
    (BERT models), its matrix products quantised to int8 (dynamic, per-channel weights). Its output's axes are
    (batch, tokens) unless `output_axes` says otherwise."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Two rows, one padded: the trace must see a real mask, not a constant one.
    mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3])
    example = tuple(mask if name == "attention_mask" else torch.ones((2, 8), dtype=torch.int64) for name in names)
    exported = work / "exported.onnx"
    axes = {name: {0: "batch", 1: "tokens"} for name in names} | {"output": output_axes or {0: "batch", 1: "tokens"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about shapes that are fixed in this model
        torch.onnx.export(module, example, str(exported), input_names=names, output_names=["output"],
                          dynamic_axes=axes, opset_version=17, dynamo=False)
    if config.model_type == "bert":
        from onnxruntime.transformers import optimizer

        fused = optimizer.optimize_model(str(exported), model_type="bert", num_heads=config.num_attention_heads,
                                         hidden_size=config.hidden_size, opt_level=1)
        fused.save_model_to_file(str(exported))
    with quiet_logger():  # the quantiser's advice on static models, not ours
        quantize_dynamic(str(exported), str(output), per_channel=True, reduce_range=True,
                         weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Attention"],
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
