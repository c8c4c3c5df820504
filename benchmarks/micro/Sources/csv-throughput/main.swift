import AllianceKit
import BenchmarkInputs
import Foundation

/// `csv-throughput generate FILE MB [gb18030]` writes a list-like CSV of about MB megabytes;
/// `csv-throughput FILE [REPEATS]` reads FILE with the library's streaming CSV reader (encoding
/// detected, as `alliance` does) REPEATS times and prints the best and median MB/s.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let first = arguments.first else {
    print("usage: csv-throughput generate FILE MB [gb18030] | csv-throughput FILE [REPEATS]")
    exit(2)
}
if first == "generate", arguments.count >= 3, let megabytes = Int(arguments[2]) {
    let url = URL(fileURLWithPath: arguments[1])
    let gb18030 = arguments.count > 3 && arguments[3] == "gb18030"
    let text = CSVSample.text(bytes: megabytes * 1_000_000)
    let data = gb18030 ? CSVSample.gb18030(text) : Data(text.utf8)
    try data.write(to: url)
    print("wrote \(data.count) bytes to \(url.path)")
    exit(0)
}
let url = URL(fileURLWithPath: first)
let repeats = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
let size = Double((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0)
/// CPU seconds this process has used (all threads): on a shared machine, wall time also counts
/// the time other processes held the cores.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
var speeds: [Double] = [], cpuSpeeds: [Double] = []
for _ in 0 ..< repeats {
    let start = ContinuousClock.now, cpuStart = cpuSeconds()
    let read = try CSVParser.parse(contentsOf: url)
    let elapsed = ContinuousClock.now - start, cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    speeds.append(size / 1e6 / seconds)
    cpuSpeeds.append(size / 1e6 / cpu)
    print(String(format: "%.1f MB in %.3f s wall (%.1f MB/s), %.3f s CPU (%.1f MB/s); %d records, %d errors, %@",
                 size / 1e6, seconds, size / 1e6 / seconds, cpu, size / 1e6 / cpu,
                 read.result.records.count, read.result.errors.count, read.encoding.displayName))
}
speeds.sort()
cpuSpeeds.sort()
print(String(format: "wall: best %.1f MB/s, median %.1f MB/s; CPU: best %.1f MB/s, median %.1f MB/s",
             speeds.last!, speeds[speeds.count / 2], cpuSpeeds.last!, cpuSpeeds[cpuSpeeds.count / 2]))
