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
#   make hard-heldout  the same suite from other seeds (HELDOUT_SEEDS), never tuned on: each seed's
#                   overall figure and each category's range (same Python as `make hard`)
#   make fonts      render the handwriting-font digits into FONTS_DIR (installs the fonts and Pillow)
#   make marks      render the non-digit marks (test set and training set) into MARKS_DIR
#   make other-hands  evaluate MODEL on the held-out fonts ("other hands"), with calibration
#   make nondigits  how often MODEL reads a non-digit mark as a confident digit
#   make finetune-demo  fine-tune MODEL on 200 pictures of one held-out font, accuracy before/after
#   make train-robust   the shipped model's full training command (fonts and marks first)
#   make model-report   every model-card figure for MODEL (MNIST, other hands, marks, end-to-end suite)
#   make embed-model    compile Models/digitscan-cnn.safetensors into the binary (after training a new one)
#   make static     one self-contained binary in $(STATIC_DIR)/release/digitscan: no shared libraries, model built in

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

# Rendered font digits (train/ and other-hands/) and non-digit marks (test/ and train/); not committed.
FONTS_DIR  ?= /tmp/digitscan-fonts
MARKS_DIR  ?= /tmp/digitscan-marks

# SwiftPM's build directory for `make static`.
STATIC_DIR ?= .build-static

# Where `make hard` writes the generated hard-case suite (large, not committed) and the CSV it scores;
# HARD_SEED=7 (with its own HARD_DIR) generates a held-out instance of the same suite.
HARD_DIR   ?= /tmp/digitscan-hard
HARD_CSV   ?= /tmp/hard.csv
HARD_SEED  ?=
HELDOUT_SEEDS ?= 7 8 9 10 11 12
HELDOUT_DIR   ?= /tmp/digitscan-heldout

# Where `make clean-digits` writes MNIST test drawn on clean white paper (not committed).
CLEAN_DIR  ?= /tmp/digitscan-clean

.PHONY: setup build demo test bench evaluate train samples suite hard hard-heldout clean-digits fonts marks other-hands nondigits finetune-demo train-robust model-report embed-model static

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
	@test -f $(HARD_DIR)/manifest.csv || $(PYTHON) scripts/make_hard_cases.py --out $(HARD_DIR) $(if $(HARD_SEED),--seed $(HARD_SEED))
	@$(BIN) $(HARD_DIR) -o $(HARD_CSV) --model $(MODEL); status=$$?; [ $$status -le 1 ] || exit $$status
	$(PYTHON) scripts/score_suite.py $(HARD_CSV) $(HARD_DIR)/manifest.csv

hard-heldout: build
	PYTHON=$(PYTHON) BIN=$(BIN) MODEL=$(MODEL) HELDOUT_DIR=$(HELDOUT_DIR) scripts/hard_heldout.sh $(HELDOUT_SEEDS)

# MNIST test digits alone on white, at 1x and 3x: what the pipeline loses against the network.
clean-digits: build
	@test -d $(CLEAN_DIR)/close_strings || (py=$$(scripts/pillow_python.sh) && $$py scripts/make_clean_digits.py $(CLEAN_DIR))
	@$(BIN) $(CLEAN_DIR) -o $(CLEAN_DIR).csv --model $(MODEL); status=$$?; [ $$status -le 1 ] || exit $$status
	$(PYTHON) scripts/score_suite.py $(CLEAN_DIR).csv $(CLEAN_DIR)/manifest.csv

fonts:
	@test -d $(FONTS_DIR)/other-hands || scripts/render_font_digits.sh $(FONTS_DIR)

marks: fonts
	@test -d $(MARKS_DIR)/test || (py=$$(scripts/pillow_python.sh) && cd scripts && $$py make_nondigit_marks.py --out $(MARKS_DIR)/test)
	@test -d $(MARKS_DIR)/train || (py=$$(scripts/pillow_python.sh) && cd scripts && $$py make_nondigit_marks.py --out $(MARKS_DIR)/train --fonts train --seed 12 --per-kind 1000)

other-hands: build fonts
	$(BIN) evaluate $(FONTS_DIR)/other-hands --model $(MODEL)

nondigits: build marks
	@$(BIN) $(MARKS_DIR)/test --format jsonl --model $(MODEL) > /tmp/digitscan-marks.jsonl; status=$$?; [ $$status -le 1 ] || exit $$status
	$(PYTHON) scripts/score_nondigits.py /tmp/digitscan-marks.jsonl

finetune-demo: build
	MODEL=$(MODEL) MNIST=$(MNIST) BIN=$(BIN) scripts/finetune_demo.sh

# The shipped model: see Models/README.md for the figures this produced.
train-robust: build fonts marks
	$(BIN) train --mnist $(MNIST) --images $(FONTS_DIR)/train --non-digits $(MARKS_DIR)/train \
		--validation-count 5000 --epochs 30 --seed 2 -o $(MODEL)
	@if [ "$(MODEL)" = Models/digitscan-cnn.safetensors ]; then $(PYTHON) scripts/embed_model.py; fi

model-report: build
	BIN=$(BIN) FONTS_DIR=$(FONTS_DIR) MARKS_DIR=$(MARKS_DIR) scripts/model_report.sh $(MODEL)

embed-model:
	$(PYTHON) scripts/embed_model.py

# -static-executable links the Swift runtime, Foundation, libjpeg, libpng and zlib statically
# (the -dev packages ship the .a files); the model is compiled in (BuiltInModel), so the file
# can be copied to any x86-64 Linux machine and run there alone.
static: setup
	$(SWIFT) build -c release -Xswiftc -static-executable -Xlinker -s --scratch-path $(STATIC_DIR)
	@if ldd $(STATIC_DIR)/release/digitscan >/dev/null 2>&1; then echo "$(STATIC_DIR)/release/digitscan is not static" >&2; exit 1; fi
	@echo "$(STATIC_DIR)/release/digitscan: static, model built in, $$(du -h $(STATIC_DIR)/release/digitscan | cut -f1)"
