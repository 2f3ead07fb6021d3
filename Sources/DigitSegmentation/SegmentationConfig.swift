/// Parameters of segmentation and normalisation. Defaults are the shipped behaviour.
///
/// Ratios marked "× H" are relative to the typical digit height on the page (the median
/// height of the tall components), so the same settings work for 40 px and 400 px digits.
public struct SegmentationConfig: Sendable, Equatable {
    /// How the ink threshold is chosen.
    public enum ThresholdMethod: String, Sendable, Equatable, CaseIterable, Codable {
        /// One global Otsu threshold, computed over the tiles that contain ink.
        case otsu
        /// Sauvola's local threshold from the mean and deviation around each pixel.
        case sauvola
        /// Otsu, unless the page's ink and paper levels overlap (faint and dark ink side by
        /// side, light that flattening could not even out); then Sauvola.
        case auto
    }

    /// Which side of the threshold is ink.
    public enum Polarity: String, Sendable, Equatable, CaseIterable, Codable {
        /// The paper is the dominant gray level; ink is the other side of the threshold.
        case auto
        /// Dark ink on light paper (the usual scan).
        case darkOnLight
        /// Light ink on dark paper (chalkboard, inverted scans).
        case lightOnDark
    }

    // MARK: Denoising and thresholding

    /// Radius of the median filter run before thresholding (1 = 3×3); 0 turns denoising off.
    public var medianRadius: Int = 1
    /// The median filter runs only when the paper noise sigma reaches this many gray levels.
    public var denoiseMinNoise: Double = 1.5
    /// Method that picks the ink/paper threshold.
    public var threshold: ThresholdMethod = .auto
    /// Ink polarity; `auto` detects it per image.
    public var polarity: Polarity = .auto
    /// Also read a photo of a sheet on a darker desk with the desk painted out, keeping the
    /// reading the network is surer of (`SheetFinder`; needs the network).
    public var findSheet: Bool = true
    /// A page turned at least this many degrees (ruled lines or lines of digits askew) is also
    /// read turned level, keeping the reading the network is surer of (`PageSkew`; needs the
    /// network); 0 never.
    public var levelMinAngle: Double = 3
    /// Side of the square tiles used to find ink-bearing regions for the threshold, in pixels.
    public var tileSize: Int = 32
    /// A tile holds ink when some pixel differs from the paper level by this many noise sigmas.
    public var tileNoiseSigmas: Double = 6
    /// Least gray-level difference between the paper and ink class means; less means a blank page.
    public var minContrast: Int = 48
    /// Least number of ink pixels on a page; fewer means a blank page.
    public var minInkPixels: Int = 24

    // MARK: Uneven light and local thresholds

    /// Side of the blocks in which the paper's brightness is sampled, as a fraction of the
    /// image diagonal (kept within 4 ... 64 px); 0 turns background flattening off.
    /// Small, so a shadow's sharp edge blurs over a few pixels only, not into a band of "ink".
    public var backgroundBlockRatio: Double = 0.008
    /// Radius, in blocks, of the closing that fills the paper level in under ink
    /// (must exceed half the thickest stroke, in blocks). With the default blocks the closing
    /// spans 0.056 × the diagonal: a shadow band narrower than that would be taken for ink.
    public var backgroundRadius: Int = 3
    /// The page is flattened (divided by its paper level) only when the paper level varies by
    /// more than this fraction across it; evenly lit scans are left as they are.
    public var flattenMinShading: Double = 0.12
    /// Flattening brightens paper at most this many times (a shadow leaving a third of the
    /// light); darker "paper" is ink too large to see past, such as a solid blob.
    public var flattenMaxGain: Double = 3
    /// `auto` uses Sauvola when Otsu's separability (between-class over total variance of the
    /// ink-bearing tiles) is below this.
    public var sauvolaBelowSeparability: Double = 0.5
    /// Sauvola's k: how far below the local mean, relative to the local deviation, ink lies.
    public var sauvolaK: Double = 0.2
    /// Sauvola's window side as a multiple of the page's stroke width (at least 15 px).
    public var sauvolaWindowStrokes: Double = 6

    // MARK: Ruled paper and forms

    /// Remove ruled lines, grid lines and form-box borders before finding digits.
    public var removeLines: Bool = true
    /// A straight run at least this × H long is a line (a digit's own rarely passes 1.1 × H).
    public var lineMinLength: Double = 1.6
    /// Straight runs at least this × H long that meet at corners are the frame of a box.
    public var frameMinSide: Double = 0.6
    /// ... but its top and bottom need only be this × H long: a box fitted to a narrow digit
    /// (a 1) is much narrower than tall, and its walls and corners already make it a frame.
    public var frameMinWidth: Double = 0.3
    /// Lines are at most this × the stroke width thick (and at least 4 px may be); where a
    /// stroke lies along a line the band is thicker, and stays.
    public var lineMaxThickness: Double = 0.5

    // MARK: Components

    /// Join the dots of a dotted pen into strokes when most components on a page are dots.
    public var joinDots: Bool = true
    /// Dots of a dotted pen are linked into strokes when their centres are at most this × the
    /// page's dot spacing apart (the lower quartile of each dot's distance to its nearest dot;
    /// a pen that skips leaves gaps up to twice its spacing).
    public var dotGapRatio: Double = 2.0

    /// Most connected components a page may have before segmentation throws (bounds the work).
    public var maxComponents: Int = 50_000
    /// Components whose longer side is below this fraction × H are dropped as specks.
    public var speckRatio: Double = 0.2
    /// Digits whose longer side is under this many pixels (after merging) are dropped as noise
    /// (their longer side: a 0 written flat on a small picture is shorter than its neighbours).
    public var minDigitHeight: Int = 8
    /// Pictures whose smaller side is under this many pixels are read enlarged (bilinear, by a
    /// whole factor up to 4, toward 64 px; `SmallPicture`); 0: never.
    public var enlargeBelow: Int = 48
    /// A picture whose digits are typically shorter than this many pixels is read enlarged as
    /// well (toward twice this height, by a whole factor up to 4); 0: never.
    public var enlargeDigitsBelow: Int = 16

    // MARK: Fragment merging

    /// Stacked pieces this close (× the shorter piece's height) merge whatever the merged size.
    public var mergeTightGap: Double = 0.12
    /// Stacked fragments merge when their x-extents overlap by this fraction of the narrower one.
    public var mergeOverlapRatio: Double = 0.5
    /// Stacked fragments merge only if the vertical gap between them is at most this × H.
    public var mergeMaxVerticalGap: Double = 0.35
    /// Side-by-side pieces merge when the gap between their ink is at most this × H.
    public var mergeMaxSideGap: Double = 0.07
    /// Side-by-side pieces merge when the gap between their ink is at most this × H and the
    /// shorter is under `mergeShortPieceRatio` × H (a digit broken down its height).
    public var mergeMaxShortSideGap: Double = 0.1
    /// A piece under this × H tall is clearly short of a whole digit (see `mergeMaxShortSideGap`).
    public var mergeShortPieceRatio: Double = 0.75
    /// Side-by-side pieces both at least this × H tall and pen-wide are not merged by their
    /// gap: two whole digits written close ("11", "71") look no different from a digit broken
    /// down its height, so the network decides (`BrokenDigitJoiner`). 1,000 MNIST pairs with
    /// a 1, written 0-0.06 H apart: 93 → 99 % of digits read right; held-out hard suites: one
    /// touching pair lost. 0: off.
    public var mergeTallSideRatio: Double = 0.8
    /// A piece shorter than this × H (and narrower than `fragmentMaxWidthRatio` × H) is a
    /// fragment; a digit whose longer side is below this × H is dropped.
    public var fragmentHeightRatio: Double = 0.5
    /// A short piece at least this × H wide is not a fragment (a flat 7 is a digit on its own).
    public var fragmentMaxWidthRatio: Double = 0.6
    /// A fragment merges with the nearest piece whose ink is at most this × H away.
    public var mergeMaxFragmentGap: Double = 0.4
    /// Pieces under this × H tall are marks, not digits: standing alone they are dropped;
    /// flat ones (hyphens, underlines) and small compact ones (dots, commas) join a digit only
    /// when they lie over its columns.
    public var markMaxHeight: Double = 0.3
    /// A merged digit may be at most this × H tall.
    public var mergeMaxHeightRatio: Double = 1.4
    /// A merged digit may be at most this × H wide (wide digits are less tall, so > 1).
    public var mergeMaxWidthRatio: Double = 1.25
    /// A digit in several pieces that the network doubts is also read with its gaps closed, by
    /// this × its longer side (bridging gaps up to about twice that), and kept so when the
    /// network is then sure of it (`GapCloser`). 0: off.
    public var gapCloseRatio: Double = 0.035
    /// Neighbouring digits of a line at most this × H apart, together about as large as a
    /// merged digit may be, are read joined as well and joined when the network doubts a half
    /// and is sure of the whole (`BrokenDigitJoiner`): a digit broken down its middle. 0: off.
    public var joinBrokenGap: Double = 0.2

    // MARK: Touching digits

    /// Blobs at least this wide (× their own height) are tried as 2 or 3 touching digits
    /// (1 % of MNIST digits are wider than 1.33; two touching digits are 1 ... 2.3).
    public var splitMinAspect: Double = 1.3
    /// Narrower blobs, down to this × their height, are tried too when the network reads the
    /// whole blob with less than `splitDoubtConfidence` (digits that overlap in width: a 7
    /// leaning over a 9, a 1 tucked under a 2's arc).
    public var splitUncertainAspect: Double = 0.8
    /// A blob narrower than `splitMinAspect` is tried as touching digits when the network
    /// reads it with less than this (beyond it, only into sure pieces: `splitSureAspect`). Trained with outlier exposure, it reads most pairs in one
    /// box at 0.1 ... 0.35, some at 0.55 ... 0.65 (a 6 and 3, a 9 and 7), and odd single digits
    /// from 0.5 up; the pieces of an odd 8 can read as a confident 3 and 2. At 0.7 rather than
    /// 0.5, hard-suite touching pairs 98 → 101 of 128 and one 8 split in two; at 0.99 the
    /// v1 suite loses 0.24 points.
    public var splitDoubtConfidence: Double = 0.7
    /// A blob at least this wide (× its height), though narrower than `splitMinAspect`, is
    /// tried from `splitWideDoubtConfidence` instead: few single digits are that wide, and
    /// pairs written into each other there often read as one digit at 0.75 ... 0.95 (a 0 and
    /// 1 as a 9, an 8 and 7 as an 8).
    public var splitWideDoubtAspect: Double = 1.1
    /// See `splitWideDoubtAspect`; such a blob is cut through one stroke at most. Held-out hard
    /// suites (seeds 7-10): touching pairs +9 of 705, nothing else changes; non-digit marks read
    /// as confident digits 3.2 → 3.3 % (a fresh set: 4.3 % both).
    public var splitWideDoubtConfidence: Double = 0.95
    /// A blob at least this wide (× its height) that the network reads beyond those doubts
    /// (`splitDoubtConfidence`, `splitWideDoubtConfidence`) is tried too, and cut only into
    /// pieces it reads at `splitSurePieces` or more: two digits written into each other can
    /// read as one at 0.99 (a 9 and 7 as a 9 at 0.998, their pieces at 0.999).
    public var splitSureAspect: Double = 0.9
    /// See `splitSureAspect`. 1: such blobs stay whole.
    public var splitSurePieces: Double = 0.99
    /// ... and, on a line with at least two other digits, this × their median width.
    public var splitMinLineWidth: Double = 1.7
    /// Without a scorer, blobs this wide are split at their deepest projection valleys.
    public var splitBlindAspect: Double = 1.6
    /// A split is taken only when its least confident piece reaches this (calibrated)
    /// confidence. The shipped model reads halves of some wide single digits as digits too;
    /// 0.9 keeps those of the generated suite whole while splitting most touching pairs it can.
    public var splitMinConfidence: Double = 0.9
    /// A blob at least `splitMinAspect` wide that the network reads below 0.5 as one digit
    /// (no digit, it says) takes its best split when that split's least piece reads at least
    /// this, below `splitMinConfidence`: the whole is no answer there. At 0.8 one more
    /// touching pair of the hard suite reads right and no other file of the suites changes
    /// (2 of the 1,000 non-digit marks come out as two doubtful digits, not one); at 0.5 a
    /// digit of the peers' small scans is cut in two. 1: off.
    public var splitWideFallback: Double = 0.8
    /// Each piece is at least this × the blob's height wide (a narrow 1).
    public var splitMinPieceWidth: Double = 0.15
    /// Each piece is at least this × the blob's height tall (digits on a line are alike).
    public var splitMinPieceHeight: Double = 0.8
    /// A wide blob is also tried at columns this × its height apart, beside its projection's
    /// valleys: overlapping digits leave no valley where they should be cut (hard suite's
    /// touching pairs with the other settings as before: 77 of 128 read right without, 87 with 0.1).
    public var splitCutStep: Double = 0.1
    /// In a wide blob, each cut column is also tried as a straight cut leaning this many
    /// columns per row, both ways (0.3: 17°, a common handwriting slant; 0 for none), where it
    /// crosses less ink (hard suite's touching pairs: 93 of 128 read right without, 99 with).
    public var splitCutSlant: Double = 0.3

    // MARK: Lines

    /// A digit joins a text line when their vertical overlap is this fraction of the smaller height.
    public var lineOverlapRatio: Double = 0.4

    // MARK: Normalisation (MNIST style)

    /// Paper pixels within this distance of a digit's ink also give their gray (0: ink only,
    /// which matched MNIST best on rendered MNIST pages: mean |diff| 5.6 vs 7.0 at radius 1).
    public var haloRadius: Int = 0
    /// A digit whose stroke width is below this fraction of its longer side is thickened
    /// before scaling (MNIST: 0.064 ... 0.154 for 90 % of digits).
    public var strokeMin: Double = 0.06
    /// A digit whose stroke width is above this fraction of its longer side is thinned (when
    /// its page is written with a marker: see `markerPageRatio`).
    public var strokeMax: Double = 0.16
    /// Digits are thinned only on pages whose median stroke ratio exceeds this: a marker,
    /// not a few bold digits in an ordinary hand (MNIST's 99th percentile is 0.19).
    public var markerPageRatio: Double = 0.2
    /// The stroke width, as a fraction of the longer side, that thickening or thinning aims
    /// for (MNIST's median: 0.097).
    public var strokeTarget: Double = 0.097
    /// Shear each digit upright by its second moments before scaling. Off: the shipped model
    /// is trained on MNIST's own slant; turn on only with a model trained on deskewed digits.
    public var deskew: Bool = false
    /// Side of the box the digit's longer side is scaled to (MNIST: 20).
    public var digitBox: Int = 20
    /// Side of the square output canvas (MNIST: 28).
    public var canvas: Int = 28

    /// The shipped defaults.
    public init() {}
}
