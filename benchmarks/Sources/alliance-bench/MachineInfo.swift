import Foundation

/// What machine the numbers came from: cores, memory, CPU model, OS.
enum MachineInfo {
    static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var memoryGiB: Double { Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 }

    /// "model name" from /proc/cpuinfo, when readable.
    static var cpuModel: String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    static var operatingSystem: String { ProcessInfo.processInfo.operatingSystemVersionString }

    /// One line for RESULTS.md.
    static var summary: String {
        var parts = ["\(processors) cores (nproc)", String(format: "%.1f GiB memory", memoryGiB)]
        if let cpu = cpuModel { parts.append(cpu) }
        parts.append(operatingSystem)
        return parts.joined(separator: ", ")
    }
}
