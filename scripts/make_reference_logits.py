#!/usr/bin/env python3
"""Writes Tests/NeuralNetTests/Fixtures/reference.{safetensors,json}: a small random model in
digitscan's model format and the probabilities numpy computes for a few random inputs.

The forward pass below is written independently of the Swift code (plain numpy loops and
einsum, PyTorch semantics), so a test that loads the file in Swift and matches these numbers
checks the format reader, the tensor layouts and every inference kernel at once.

Usage: python3 scripts/make_reference_logits.py   (needs numpy only)
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "NeuralNetTests", "Fixtures")
rng = np.random.default_rng(20261124)

ARCH = [
    {"type": "conv2d", "in_channels": 1, "out_channels": 3, "kernel": 3, "stride": 1, "padding": 1,
     "weight": "c1.weight", "bias": "c1.bias"},
    {"type": "batchnorm2d", "channels": 3, "eps": 1e-5, "weight": "bn.weight", "bias": "bn.bias",
     "running_mean": "bn.running_mean", "running_var": "bn.running_var"},
    {"type": "relu"},
    {"type": "maxpool2d", "kernel": 2, "stride": 2},
    {"type": "conv2d", "in_channels": 3, "out_channels": 4, "kernel": 3, "stride": 2, "padding": 0,
     "weight": "c2.weight", "bias": "c2.bias"},
    {"type": "relu"},
    {"type": "flatten"},
    {"type": "dense", "in_features": 4 * 6 * 6, "out_features": 12, "weight": "d1.weight", "bias": "d1.bias"},
    {"type": "relu"},
    {"type": "dropout", "p": 0.25},
    {"type": "dense", "in_features": 12, "out_features": 10, "weight": "d2.weight", "bias": "d2.bias"},
    {"type": "softmax"},
]
INPUT = {"channels": 1, "height": 28, "width": 28, "scale": 1 / 255, "mean": 0.1307, "std": 0.3081}

T = {
    "c1.weight": rng.normal(0, 0.5, (3, 1, 3, 3)), "c1.bias": rng.normal(0, 0.1, 3),
    "bn.weight": rng.uniform(0.5, 1.5, 3), "bn.bias": rng.normal(0, 0.1, 3),
    "bn.running_mean": rng.normal(0, 0.2, 3), "bn.running_var": rng.uniform(0.5, 2, 3),
    "c2.weight": rng.normal(0, 0.3, (4, 3, 3, 3)), "c2.bias": rng.normal(0, 0.1, 4),
    "d1.weight": rng.normal(0, 0.1, (12, 144)), "d1.bias": rng.normal(0, 0.1, 12),
    "d2.weight": rng.normal(0, 0.3, (10, 12)), "d2.bias": rng.normal(0, 0.1, 10),
}
T = {k: v.astype(np.float32) for k, v in T.items()}


def conv(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    ho, wo = (h + 2 * pad - k) // stride + 1, (wd + 2 * pad - k) // stride + 1
    y = np.zeros((n, o, ho, wo), np.float64)
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, :, i * stride:i * stride + k, j * stride:j * stride + k]
            y[:, :, i, j] = np.einsum("ncab,ocab->no", patch, w)
    return y + b[None, :, None, None]


def forward(x):
    for L in ARCH:
        t = L["type"]
        if t == "conv2d":
            x = conv(x, T[L["weight"]], T[L["bias"]], L["stride"], L["padding"])
        elif t == "batchnorm2d":
            g, b = T[L["weight"]], T[L["bias"]]
            m, v = T[L["running_mean"]], T[L["running_var"]]
            x = (x - m[None, :, None, None]) / np.sqrt(v[None, :, None, None] + L["eps"])
            x = x * g[None, :, None, None] + b[None, :, None, None]
        elif t == "relu":
            x = np.maximum(x, 0)
        elif t == "maxpool2d":
            k, s = L["kernel"], L["stride"]
            n, c, h, w = x.shape
            ho, wo = (h - k) // s + 1, (w - k) // s + 1
            x = np.stack([np.stack([x[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(2, 3))
                                    for j in range(wo)], -1) for i in range(ho)], -2)
        elif t == "flatten":
            x = x.reshape(x.shape[0], -1)
        elif t == "dense":
            x = x @ T[L["weight"]].T.astype(np.float64) + T[L["bias"]]
        elif t == "softmax":
            e = np.exp(x - x.max(axis=1, keepdims=True))
            x = e / e.sum(axis=1, keepdims=True)
    return x


def write_safetensors(path, tensors, metadata):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name in sorted(tensors):
        data = tensors[name].astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    pixels = rng.integers(0, 256, (4, 1, 28, 28)).astype(np.float32)
    x = (pixels * INPUT["scale"] - INPUT["mean"]) / INPUT["std"]
    probs = forward(x.astype(np.float64))
    write_safetensors(os.path.join(OUT, "reference.safetensors"), T,
                      {"architecture": json.dumps(ARCH), "input": json.dumps(INPUT), "name": "reference-fixture"})
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump({"count": 4, "pixels": pixels.astype(int).ravel().tolist(),
                   "probabilities": [round(float(p), 8) for p in probs.ravel()]}, f)
    print("wrote", OUT, "probabilities[0] =", np.round(probs[0], 4))


if __name__ == "__main__":
    main()
