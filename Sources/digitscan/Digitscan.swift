import ArgumentParser
import ScanPipeline

@main
struct Digitscan: ParsableCommand {
    func run() throws {}
}
