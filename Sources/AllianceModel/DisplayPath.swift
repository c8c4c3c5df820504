import Foundation

extension URL {
    /// The path relative to the current directory when it lies below it, else absolute: how
    /// messages name the files a command wrote or read.
    public var relativePathForDisplay: String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
