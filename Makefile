# digitscan: the commands the README documents.
# `make demo` and `make test` work on a fresh clone: they install what is missing first.
#
#   make demo       build (release) and classify samples/, printing the CSV
#   make test       every test, the end-to-end suite included (what .ci/run calls)
#   make build      release build only
#   make bench      digits/s for the network alone, files/s end to end on the generated suite
#   make evaluate   accuracy, per-class precision/recall and confusion matrix on MNIST test
#   make train      train the shipped model from scratch (needs the MNIST training set: MNIST=DIR)
#   make samples    regenerate samples/ (needs Python 3 with numpy, opencv-python, Pillow: PYTHON=...)
#   make suite      regenerate Tests/Fixtures/e2e/ (needs Python 3 with numpy, opencv-python)
#   make hard       the hard-case suite of issue 3: generate it in HARD_DIR if missing (needs Python 3
#                   with numpy, opencv-python, Pillow), classify it, print accuracy per category

SWIFT      ?= swift
PYTHON     ?= python3
# Directory with train-*-ubyte(.gz) and t10k-*-ubyte(.gz); only `make train` needs the training set.
MNIST      ?= ../shared/data/mnist
# The MNIST test set is committed, so evaluating needs nothing downloaded.
MNIST_TEST ?= Tests/Fixtures/mnist
MODEL      ?= Models/digitscan-cnn.safetensors
# Extra `digitscan train` flags; Models/README.md records the exact command behind the shipped model.
TRAIN_FLAGS ?=
# SwiftPM's build directory (--scratch-path).
BUILD_DIR  ?= .build
BIN        := $(BUILD_DIR)/release/digitscan

# Where `make hard` writes the generated hard-case suite (large, not committed) and the CSV it scores.
HARD_DIR   ?= /work/hard-out
HARD_CSV   ?= /tmp/hard.csv

.PHONY: setup build demo test bench evaluate train samples suite hard

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)

# samples/truncated.jpg is corrupt on purpose: its row has status "error" and digitscan exits
# with 1 ("some inputs failed"), which the demo accepts; any other failure stops make.
demo: build
	@echo "== $(BIN) samples/" >&2
	@$(BIN) samples/; status=$$?; \
	if [ $$status -eq 1 ]; then echo "== exit status 1: some inputs failed (samples/truncated.jpg is corrupt on purpose)" >&2; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

# Every test is XCTest; skipping the empty Swift Testing pass keeps XCTest's summary the last line.
test: setup
	$(SWIFT) test --disable-swift-testing --scratch-path $(BUILD_DIR)

bench: build
	$(BIN) benchmark Tests/Fixtures/e2e/scans --mnist $(MNIST_TEST) --model $(MODEL)

evaluate: build
	$(BIN) evaluate --mnist $(MNIST_TEST) --model $(MODEL)

train: build
	$(BIN) train --mnist $(MNIST) -o $(MODEL) $(TRAIN_FLAGS)

samples:
	$(PYTHON) scripts/make_samples.py

suite:
	$(PYTHON) scripts/make_e2e_suite.py

# digitscan exits with 1 when some input failed; the scorer counts those rows, so that is not fatal.
hard: build
	@test -f $(HARD_DIR)/manifest.csv || $(PYTHON) scripts/make_hard_cases.py --out $(HARD_DIR)
	@$(BIN) $(HARD_DIR) -o $(HARD_CSV) --model $(MODEL); status=$$?; [ $$status -le 1 ] || exit $$status
	$(PYTHON) scripts/score_suite.py $(HARD_CSV) $(HARD_DIR)/manifest.csv
