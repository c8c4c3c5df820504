import XCTest
@testable import AllianceKit

/// The arithmetic of `--shard`: every district in exactly one task for any number of tasks and
/// either split, the index taken from Slurm's or Kubernetes' variables; and the SHA-256 behind
/// the resume digest against the standard's test vectors.
final class DistrictShardTests: XCTestCase {
    private let names = ["区7", "区1", "区10", "Z", "a", "区2", "区3", "区1", "x"]
    private let sizes = [50, 900, 300, 4, 8, 900, 120, 60, 1000]

    func testEveryDistrictIsInExactlyOneShard() {
        for split in DistrictShard.Split.allCases {
            for count in 1...7 {
                var seen = [Int](repeating: 0, count: names.count)
                for index in 0..<count {
                    for position in DistrictShard(index: index, count: count, split: split).positions(names: names, sizes: sizes) {
                        seen[position] += 1
                    }
                }
                XCTAssertEqual(seen, [Int](repeating: 1, count: names.count), "\(split), N = \(count)")
            }
        }
    }

    func testModuloTakesEveryNthOfTheSortedNames() {
        // Sorted by UTF-8 bytes: Z, a, x, 区1, 区1 (the later one second), 区10, 区2, 区3, 区7.
        let shard = DistrictShard(index: 1, count: 3)
        XCTAssertEqual(shard.positions(names: names, sizes: sizes).map { names[$0] }.sorted(), ["a", "区1", "区3"].sorted())
        XCTAssertEqual(DistrictShard(index: 0, count: 1).positions(names: names, sizes: sizes), Array(names.indices))
    }

    func testSizeSplitBalancesTheWork() {
        let task = DistrictShard.assignment(names: names, sizes: sizes, count: 3, split: .size)
        var load = [0, 0, 0]
        for (position, shard) in task.enumerated() { load[shard] += sizes[position] }
        // Largest first to the lightest task: 1000 | 900 | 900, then 300 → 2, 120 → 1, 60 → 0 …
        XCTAssertLessThanOrEqual(load.max()! - load.min()!, 300, "within one district of the rest: \(load)")
        XCTAssertEqual(task[8], 0, "the largest district goes to task 0")
    }

    func testParseAndTheSchedulersVariables() throws {
        XCTAssertEqual(try DistrictShard.parse("2/5", environment: [:]), DistrictShard(index: 2, count: 5))
        XCTAssertEqual(try DistrictShard.parse("auto/4", environment: ["JOB_COMPLETION_INDEX": "3"]),
                       DistrictShard(index: 3, count: 4))
        XCTAssertEqual(try DistrictShard.parse("auto", environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "10"]),
                       DistrictShard(index: 0, count: 10))
        // --array=10-30:10 → ids 10, 20, 30 are tasks 0, 1, 2.
        XCTAssertEqual(try DistrictShard.parse("auto", environment: [
            "SLURM_ARRAY_TASK_ID": "30", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "10",
            "SLURM_ARRAY_TASK_COUNT": "3"]), DistrictShard(index: 2, count: 3))
        // Slurm's variable wins over Kubernetes' when both are set.
        XCTAssertEqual(try DistrictShard.parse("auto/3", environment: ["SLURM_ARRAY_TASK_ID": "1", "JOB_COMPLETION_INDEX": "2"]).index, 1)
        for bad in ["", "/", "3", "3/", "/3", "a/3", "3/0", "-1/3", "3/3", "1/2/3", "auto/0"] {
            XCTAssertThrowsError(try DistrictShard.parse(bad, environment: [:]), "'\(bad)'")
        }
        XCTAssertThrowsError(try DistrictShard.parse("auto", environment: ["SLURM_ARRAY_TASK_ID": "1"]), "no count")
    }

    func testSHA256MatchesTheStandardsVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Fed in pieces, the same digest.
        var hasher = SHA256()
        hasher.update("ab")
        hasher.update("c")
        XCTAssertEqual(hasher.finalHex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
