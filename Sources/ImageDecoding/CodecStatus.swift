import CImageCodecs

/// Turns a shim status into this target's error, naming the format and the codec's message.
///
/// - Throws: `DecodingError` for every status other than `CImageCodecs_ok`.
func checkCodecStatus(_ status: CImageCodecs_Status, format: ImageFormat, message: () -> String)
    throws(DecodingError)
{
    switch status {
    case CImageCodecs_ok:
        return
    case CImageCodecs_corruptData:
        throw DecodingError(.corrupt, "truncated or corrupt \(format.name) data: \(message())")
    case CImageCodecs_unsupported:
        throw DecodingError(.unsupported, "unsupported \(format.name): \(message())")
    case CImageCodecs_outOfMemory:
        throw DecodingError(.outOfMemory, "out of memory decoding \(format.name): \(message())")
    default:
        throw DecodingError(.corrupt, "corrupt \(format.name): \(message())")
    }
}
