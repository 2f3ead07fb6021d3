import DigitSegmentation

/// The JSON shape of `Configuration`: every section and key, in the order they are printed,
/// with the one-sentence documentation that `pipeline.json` carries as `"// key"` entries.
extension Configuration {
    static var schema: [ConfigurationSection] {
        [
            ConfigurationSection(key: "inputs", doc: "Which files are picked up when walking directories.", fields: [
                .strings("extensions", \.inputs.extensions,
                         "File extensions kept when walking directories, case-insensitive, without the dot; [] keeps every file. Files named on the command line or on stdin are read whatever their extension."),
                .bool("includeHidden", \.inputs.includeHidden,
                      "Walk into files and directories whose names start with a dot."),
                .bool("followSymlinks", \.inputs.followSymlinks,
                      "Follow symbolic links while walking; a link back to a directory on the current path is skipped, so loops end."),
            ]),
            ConfigurationSection(key: "limits", doc: "Bounds that keep a hostile input from exhausting memory or time.", fields: [
                .int("maxPixels", \.limits.maxPixels, 1...Int(Int32.max),
                     "Images with more pixels (width × height) are refused from their header, before decoding."),
                .int("maxFileBytes", \.limits.maxFileBytes, 1...Int(Int32.max),
                     "Files larger than this many bytes are refused before reading."),
                .int("maxDigitsPerFile", \.limits.maxDigitsPerFile, 1...Int(Int32.max),
                     "Files on which segmentation finds more digits are refused before classification (bounds the work per file)."),
            ]),
            ConfigurationSection(key: "decode", doc: "Image decoding.", fields: [
                .bool("applyExifOrientation", \.decode.applyExifOrientation,
                      "Rotate or flip JPEGs as their EXIF orientation tag says."),
            ]),
            ConfigurationSection(key: "segmentation",
                                 doc: "Finding digits on the page and normalising them MNIST-style; ratios marked × H are relative to the typical digit height on the page.",
                                 fields: segmentationFields),
            ConfigurationSection(key: "classifier", doc: "The network and how its answers are judged.", fields: [
                .string("model", \.classifier.model,
                        "Model file (safetensors); empty searches $DIGITSCAN_MODEL, then Models/digitscan-cnn.safetensors next to the current directory, the executable and the source tree."),
                .int("batchSize", \.classifier.batchSize, 1...65536,
                     "Digits per forward pass of the network."),
                .float("minConfidence", \.classifier.minConfidence, 0...1,
                       "A file whose least confident digit has a lower softmax probability gets status low_confidence."),
            ]),
            ConfigurationSection(key: "output", doc: "What is written.", fields: [
                .choice("format", \.output.format, "Output format: csv or jsonl (JSON Lines)."),
                .bool("perDigit", \.output.perDigit, "Write one row per digit instead of one row per file."),
            ]),
            ConfigurationSection(key: "run", doc: "How the work is spread over cores.", fields: [
                .int("threads", \.run.threads, 0...1024, "Worker threads; 0 uses every core. Results do not depend on it."),
                .int("filesPerChunk", \.run.filesPerChunk, 1...100_000,
                     "Files decoded and segmented together before their digits go through the network; bounds memory and sets how often output is flushed."),
            ]),
        ]
    }

    /// SegmentationConfig's fields; a test checks that every stored property is listed here.
    private static var segmentationFields: [ConfigurationField] {
        [
            .int("medianRadius", \.segmentation.medianRadius, 0...8,
                 "Radius of the median filter run before thresholding (1 = 3×3); 0 turns denoising off."),
            .double("denoiseMinNoise", \.segmentation.denoiseMinNoise, 0...255,
                    "The median filter runs only when the paper noise sigma reaches this many gray levels."),
            .choice("threshold", \.segmentation.threshold, "Method that picks the ink/paper threshold."),
            .choice("polarity", \.segmentation.polarity,
                    "Ink polarity: auto detects it per image, darkOnLight is the usual scan, lightOnDark an inverted one."),
            .int("tileSize", \.segmentation.tileSize, 4...4096,
                 "Side of the square tiles used to find ink-bearing regions for the threshold, in pixels."),
            .double("tileNoiseSigmas", \.segmentation.tileNoiseSigmas, 0...100,
                    "A tile holds ink when some pixel differs from the paper level by this many noise sigmas."),
            .int("minContrast", \.segmentation.minContrast, 0...255,
                 "Least gray-level difference between the paper and ink class means; less means a blank page."),
            .int("minInkPixels", \.segmentation.minInkPixels, 0...Int(Int32.max),
                 "Least number of ink pixels on a page; fewer means a blank page."),
            .int("maxComponents", \.segmentation.maxComponents, 1...Int(Int32.max),
                 "Most connected components a page may have before the file is refused (bounds the work)."),
            .double("speckRatio", \.segmentation.speckRatio, 0...10,
                    "Components whose longer side is below this fraction × H are dropped as specks."),
            .int("minDigitHeight", \.segmentation.minDigitHeight, 0...100_000,
                 "Digits shorter than this many pixels (after merging) are dropped as noise."),
            .double("mergeTightGap", \.segmentation.mergeTightGap, 0...10,
                    "Stacked pieces this close (× the shorter piece's height) merge whatever the merged size."),
            .double("mergeOverlapRatio", \.segmentation.mergeOverlapRatio, 0...1,
                    "Stacked fragments merge when their x-extents overlap by this fraction of the narrower one."),
            .double("mergeMaxVerticalGap", \.segmentation.mergeMaxVerticalGap, 0...10,
                    "Stacked fragments merge only if the vertical gap between them is at most this × H."),
            .double("mergeMaxSideGap", \.segmentation.mergeMaxSideGap, 0...10,
                    "Side-by-side pieces merge when the gap between their ink is at most this × H."),
            .double("fragmentHeightRatio", \.segmentation.fragmentHeightRatio, 0...10,
                    "A piece shorter than this × H (and narrower than fragmentMaxWidthRatio × H) is a fragment; a digit whose longer side is below this × H is dropped."),
            .double("fragmentMaxWidthRatio", \.segmentation.fragmentMaxWidthRatio, 0...10,
                    "A short piece at least this × H wide is not a fragment (a flat 7 is a digit on its own)."),
            .double("mergeMaxFragmentGap", \.segmentation.mergeMaxFragmentGap, 0...10,
                    "A fragment merges with the nearest piece whose ink is at most this × H away."),
            .double("mergeMaxHeightRatio", \.segmentation.mergeMaxHeightRatio, 0...100,
                    "A merged digit may be at most this × H tall."),
            .double("mergeMaxWidthRatio", \.segmentation.mergeMaxWidthRatio, 0...100,
                    "A merged digit may be at most this × H wide (wide digits are less tall, so > 1)."),
            .double("lineOverlapRatio", \.segmentation.lineOverlapRatio, 0...1,
                    "A digit joins a text line when their vertical overlap is this fraction of the smaller height."),
            .int("haloRadius", \.segmentation.haloRadius, 0...16,
                 "Pixels within this distance of a digit's ink also give their gray (anti-aliased edges)."),
            .int("digitBox", \.segmentation.digitBox, 1...1024,
                 "Side of the box the digit's longer side is scaled to (MNIST: 20)."),
            .int("canvas", \.segmentation.canvas, 1...1024,
                 "Side of the square output canvas (MNIST: 28); must match the model's input."),
        ]
    }
}
