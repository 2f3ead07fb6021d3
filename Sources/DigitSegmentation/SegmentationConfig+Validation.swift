extension SegmentationConfig {
    /// Throws when a field is outside the range the segmenter can work with.
    func validate() throws(SegmentationError) {
        func check(_ ok: Bool, _ field: String, _ value: Any, _ rule: String) throws(SegmentationError) {
            if !ok { throw .invalidConfig(field, "\(value)", rule) }
        }
        try check((0...8).contains(medianRadius), "medianRadius", medianRadius, "0...8")
        try check(denoiseMinNoise >= 0, "denoiseMinNoise", denoiseMinNoise, ">= 0")
        try check(tileSize >= 4, "tileSize", tileSize, ">= 4")
        try check(tileNoiseSigmas > 0, "tileNoiseSigmas", tileNoiseSigmas, "> 0")
        try check((1...255).contains(minContrast), "minContrast", minContrast, "1...255")
        try check(minInkPixels >= 1, "minInkPixels", minInkPixels, ">= 1")
        try check((0...0.5).contains(backgroundBlockRatio), "backgroundBlockRatio", backgroundBlockRatio, "0...0.5")
        try check((1...64).contains(backgroundRadius), "backgroundRadius", backgroundRadius, "1...64")
        try check((0...1).contains(flattenMinShading), "flattenMinShading", flattenMinShading, "0...1")
        try check((0...1).contains(sauvolaBelowSeparability), "sauvolaBelowSeparability", sauvolaBelowSeparability, "0...1")
        try check(sauvolaK > 0 && sauvolaK < 1, "sauvolaK", sauvolaK, "0 <..< 1")
        try check(sauvolaWindowStrokes > 0, "sauvolaWindowStrokes", sauvolaWindowStrokes, "> 0")
        try check(lineMinLength > 0, "lineMinLength", lineMinLength, "> 0")
        try check(frameMinSide > 0, "frameMinSide", frameMinSide, "> 0")
        try check(lineMaxThickness > 0, "lineMaxThickness", lineMaxThickness, "> 0")
        try check(dotGapRatio > 0 && dotGapRatio <= 10, "dotGapRatio", dotGapRatio, "0 <.. 10")
        try check(maxComponents >= 1, "maxComponents", maxComponents, ">= 1")
        try check(speckRatio >= 0 && speckRatio < 1, "speckRatio", speckRatio, "0 ..< 1")
        try check(minDigitHeight >= 1, "minDigitHeight", minDigitHeight, ">= 1")
        try check((0...1).contains(mergeOverlapRatio), "mergeOverlapRatio", mergeOverlapRatio, "0...1")
        try check(mergeTightGap >= 0, "mergeTightGap", mergeTightGap, ">= 0")
        try check(mergeMaxVerticalGap >= 0, "mergeMaxVerticalGap", mergeMaxVerticalGap, ">= 0")
        try check(mergeMaxSideGap >= 0, "mergeMaxSideGap", mergeMaxSideGap, ">= 0")
        try check(fragmentHeightRatio >= 0 && fragmentHeightRatio < 1, "fragmentHeightRatio", fragmentHeightRatio, "0 ..< 1")
        try check(fragmentMaxWidthRatio > 0, "fragmentMaxWidthRatio", fragmentMaxWidthRatio, "> 0")
        try check(mergeMaxFragmentGap >= 0, "mergeMaxFragmentGap", mergeMaxFragmentGap, ">= 0")
        try check(mergeMaxHeightRatio >= 1, "mergeMaxHeightRatio", mergeMaxHeightRatio, ">= 1")
        try check(mergeMaxWidthRatio > 0, "mergeMaxWidthRatio", mergeMaxWidthRatio, "> 0")
        try check(lineOverlapRatio > 0 && lineOverlapRatio <= 1, "lineOverlapRatio", lineOverlapRatio, "0 <.. 1")
        try check((0...16).contains(haloRadius), "haloRadius", haloRadius, "0...16")
        try check(strokeMin >= 0 && strokeMin <= strokeTarget, "strokeMin", strokeMin, "0 ... strokeTarget (\(strokeTarget))")
        try check(strokeMax >= strokeTarget, "strokeMax", strokeMax, ">= strokeTarget (\(strokeTarget))")
        try check(markerPageRatio > 0, "markerPageRatio", markerPageRatio, "> 0")
        try check(strokeTarget > 0 && strokeTarget < 0.5, "strokeTarget", strokeTarget, "0 <..< 0.5")
        try check(digitBox >= 1, "digitBox", digitBox, ">= 1")
        try check(canvas >= digitBox, "canvas", canvas, ">= digitBox (\(digitBox))")
    }
}
